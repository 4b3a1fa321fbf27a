import type { KubeObject } from '../src/k8s/object';
import { decideLease, microTime } from '../src/k8s/leader-election';
import { unownedChildren } from '../src/reconcile/finalizer';
import { renderMall } from '../src/render';
import { mallFixture } from './support/mall';

describe('decideLease', () => {
  const now = 100_000;

  it('takes a lease nobody holds', () => {
    expect(decideLease(undefined, 'me', 0, now)).toBe('acquire');
    expect(decideLease({ holderIdentity: null }, 'me', now, now)).toBe('acquire');
  });

  it('renews its own lease', () => {
    expect(decideLease({ holderIdentity: 'me', leaseDurationSeconds: 15 }, 'me', now, now)).toBe(
      'renew',
    );
  });

  it('waits while another holder renews, judged by when this replica saw the record change', () => {
    const held = { holderIdentity: 'other', leaseDurationSeconds: 15 };
    expect(decideLease(held, 'me', now - 14_000, now)).toBe('wait');
    expect(decideLease(held, 'me', now - 15_000, now)).toBe('acquire');
  });

  it('writes MicroTime with six fractional digits', () => {
    expect(microTime(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05.678000Z');
  });
});

describe('unownedChildren', () => {
  it('picks the labelled children garbage collection will not remove', () => {
    const mall = mallFixture();
    const [owned, stripped, foreign] = renderMall(mall).services.map(
      (s) => JSON.parse(JSON.stringify(s)) as KubeObject,
    ) as [KubeObject, KubeObject, KubeObject];
    delete stripped.metadata.ownerReferences;
    foreign.metadata.labels = { ...foreign.metadata.labels, 'gomall.io/mall': 'another' };
    delete foreign.metadata.ownerReferences;
    expect(unownedChildren(mall, [owned, stripped, foreign]).map((c) => c.metadata.name)).toEqual([
      stripped.metadata.name,
    ]);
  });
});
