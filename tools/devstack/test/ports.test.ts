import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ALL_SERVICES,
  defaultPortPlan,
  ephemeralPortRange,
  plannedPorts,
  portsInRange,
} from '../src/services';

/**
 * The local mall's default ports stay out of Linux's ephemeral range, where the kernel picks the
 * source ports of outgoing connections (a second `npm start` used to lose daprd's 50001+ to them).
 */
describe('default port plan', () => {
  const LINUX_DEFAULT: [number, number] = [32768, 60999];

  it('keeps every default port outside the ephemeral range', () => {
    const plan = defaultPortPlan(ALL_SERVICES);
    expect(portsInRange(plan, LINUX_DEFAULT)).toEqual([]);
    const machine = ephemeralPortRange();
    if (machine) expect(portsInRange(plan, machine)).toEqual([]);
  });

  it('plans distinct ports', () => {
    const ports = plannedPorts(defaultPortPlan(ALL_SERVICES)).map((p) => p.port);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('names the ports a moved base puts inside the range', () => {
    const saved = process.env.GOMALL_DAPR_GRPC_PORT_BASE;
    process.env.GOMALL_DAPR_GRPC_PORT_BASE = '50001';
    try {
      const inside = portsInRange(defaultPortPlan(['gateway', 'user']), LINUX_DEFAULT);
      expect(inside).toEqual([
        { name: 'gateway-daprd-grpc', port: 50001 },
        { name: 'user-daprd-grpc', port: 50002 },
      ]);
    } finally {
      if (saved === undefined) delete process.env.GOMALL_DAPR_GRPC_PORT_BASE;
      else process.env.GOMALL_DAPR_GRPC_PORT_BASE = saved;
    }
  });

  it('reads the range the kernel reports', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gm-range-')), 'range');
    writeFileSync(file, '40000\t50000\n');
    expect(ephemeralPortRange(file)).toEqual([40000, 50000]);
    expect(ephemeralPortRange(join(tmpdir(), 'no-such-file'))).toBeUndefined();
  });
});
