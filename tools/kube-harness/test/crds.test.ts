import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCrds } from '../src/crds';

describe('readCrds', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gm-crds-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps only CustomResourceDefinitions from multi-document YAML files, in file order', () => {
    writeFileSync(
      join(dir, 'b.yaml'),
      [
        'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: { name: bs.x.io }',
        'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: not-a-crd }',
        '',
      ].join('\n---\n'),
    );
    writeFileSync(
      join(dir, 'a.yml'),
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: { name: as.x.io }\n',
    );
    writeFileSync(join(dir, 'notes.md'), 'kind: CustomResourceDefinition');
    expect(readCrds([dir]).map((crd) => crd.metadata.name)).toEqual(['as.x.io', 'bs.x.io']);
  });

  it('returns nothing for no folders', () => {
    expect(readCrds([])).toEqual([]);
  });
});
