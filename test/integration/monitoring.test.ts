import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { stringify, parse } from 'yaml';
import { registerCustomer } from './support/auth';
import { addToCart, checkoutBody, DECLINED_CARD, postCheckout } from './support/checkout';
import { createProduct } from './support/commerce';
import { itEnv } from './support/env';
import { eventually } from './support/eventually';
import { api } from './support/http';

// Debian's Prometheus scrapes this run's mall (every app's /metrics and every daprd's metrics
// port); after real traffic (catalog, a paid checkout, a declined one, a stock conflict) every
// PromQL expression of every dashboard panel and every alert rule must parse, and every panel
// must return data.
jest.setTimeout(300_000);

const REPO = resolve(__dirname, '..', '..');
const DASHBOARDS = join(REPO, 'charts', 'gomall', 'files', 'dashboards');
const RULES = join(REPO, 'charts', 'gomall', 'files', 'rules', 'gomall-alerts.yaml');
const SERVICES = ['gateway', 'user', 'auth', 'product', 'cart', 'order', 'payment', 'checkout'];
const SCRAPE_INTERVAL = '2s';

interface Panel {
  title: string;
  targets: { expr: string }[];
}
interface PromAnswer {
  status: string;
  error?: string;
  data: { resultType: string; result: unknown[] };
}

/** Grafana fills these in; Prometheus needs concrete values. */
const concrete = (expr: string) =>
  expr
    .replaceAll('$__rate_interval', '1m')
    .replaceAll('$__range', '5m')
    .replaceAll('$service', '.*')
    .replaceAll('$app_id', '.*');

const freePort = () =>
  new Promise<number>((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });

describe('monitoring: Prometheus against the running mall', () => {
  let prometheus: ChildProcess;
  let url: string;

  const query = async (expr: string): Promise<PromAnswer> => {
    const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
    return (await response.json()) as PromAnswer;
  };

  beforeAll(async () => {
    const dir = join(itEnv('DATA_DIR'), 'prometheus');
    mkdirSync(dir, { recursive: true });
    const target = (base: string) => new URL(base).host;
    const config = {
      global: { scrape_interval: SCRAPE_INTERVAL, evaluation_interval: SCRAPE_INTERVAL },
      rule_files: [RULES],
      scrape_configs: [
        {
          job_name: 'gomall',
          static_configs: SERVICES.map((s) => ({
            // The ops port: /metrics is not served on the API port.
            targets: [target(itEnv(`${s.toUpperCase()}_OPS_URL`))],
            labels: { app: s },
          })),
        },
        {
          // Named as the chart's daprd PodMonitor relabels it, so the alerts match.
          job_name: 'daprd',
          static_configs: SERVICES.map((s) => ({
            targets: [`127.0.0.1:${itEnv(`${s.toUpperCase()}_DAPR_METRICS_PORT`)}`],
            labels: { app_id_target: s },
          })),
        },
      ],
    };
    writeFileSync(join(dir, 'prometheus.yml'), stringify(config));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=1h',
      ],
      { stdio: 'ignore' },
    );
    await eventually(async () => {
      const targets = (await (await fetch(`${url}/api/v1/targets`)).json()) as {
        data: { activeTargets: { health: string }[] };
      };
      expect(targets.data.activeTargets).toHaveLength(SERVICES.length * 2);
      expect(targets.data.activeTargets.every((t) => t.health === 'up')).toBe(true);
    }, 60_000);

    // Traffic: browsing, a paid checkout, a declined one, and a stock conflict.
    const buyer = await registerCustomer('Monitoring Buyer');
    const product = await createProduct(3, 1999);
    for (let i = 0; i < 5; i++) await api('/products?pageSize=5');
    await api(`/products/${product.id}`);
    await api('/products/not-a-product-id');
    await addToCart(buyer.accessToken, product.id, 1);
    const paid = await postCheckout(buyer.accessToken, randomUUID(), checkoutBody());
    expect(paid.status).toBe(201);
    await addToCart(buyer.accessToken, product.id, 1);
    const declined = await postCheckout(
      buyer.accessToken,
      randomUUID(),
      checkoutBody(DECLINED_CARD),
    );
    expect(declined.status).toBe(402);
    await addToCart(buyer.accessToken, product.id, 50);
    const conflict = await postCheckout(buyer.accessToken, randomUUID(), checkoutBody());
    expect(conflict.status).toBe(409);
    // Two more scrapes after the traffic, so rates over 1m have two samples to work with.
    await new Promise((r) => setTimeout(r, 6_000));
  });

  afterAll(() => {
    prometheus?.kill('SIGTERM');
  });

  const dashboards = readdirSync(DASHBOARDS).filter((f) => f.endsWith('.json'));
  const panels = dashboards.flatMap((file) => {
    const dashboard = JSON.parse(readFileSync(join(DASHBOARDS, file), 'utf8')) as {
      panels: Panel[];
    };
    return dashboard.panels.flatMap((panel) =>
      panel.targets.map((t) => [file, panel.title, t.expr] as const),
    );
  });

  it('has the three dashboards', () => {
    expect(dashboards.sort()).toEqual([
      'gomall-business.json',
      'gomall-dapr.json',
      'gomall-overview.json',
    ]);
  });

  it.each(panels)('%s / %s returns data', async (_file, _title, expr) => {
    await eventually(async () => {
      const answer = await query(concrete(expr));
      expect(answer.error).toBeUndefined();
      expect(answer.status).toBe('success');
      expect(answer.data.result.length).toBeGreaterThan(0);
    }, 30_000);
  });

  const alerts = (
    parse(readFileSync(RULES, 'utf8')) as { groups: { rules: { alert: string; expr: string }[] }[] }
  ).groups.flatMap((g) => g.rules.map((r) => [r.alert, r.expr] as const));

  it.each(alerts)('alert %s parses and evaluates', async (_alert, expr) => {
    const answer = await query(expr);
    expect(answer.error).toBeUndefined();
    expect(answer.status).toBe('success');
  });

  it('scrapes the outbox gauges of every service that publishes events (the outbox alerts read them)', async () => {
    await eventually(
      async () => {
        for (const name of [
          'gomall_outbox_pending',
          'gomall_outbox_oldest_pending_age_seconds',
          'gomall_outbox_parked',
        ]) {
          const answer = await query(name);
          const services = (answer.data.result as { metric: { service?: string } }[]).map(
            (series) => series.metric.service,
          );
          expect({ name, services: services.sort() }).toEqual({
            name,
            services: ['order', 'payment', 'product', 'user'],
          });
        }
      },
      30_000,
      1000,
    );
  });

  it('loaded every alert rule, none firing on a healthy mall', async () => {
    const rules = (await (await fetch(`${url}/api/v1/rules`)).json()) as {
      data: { groups: { rules: { name: string; health: string; state: string }[] }[] };
    };
    const loaded = rules.data.groups.flatMap((g) => g.rules);
    expect(loaded.map((r) => r.name).sort()).toEqual(alerts.map(([name]) => name).sort());
    for (const rule of loaded) {
      expect({ rule: rule.name, health: rule.health }).toEqual({ rule: rule.name, health: 'ok' });
    }
    expect(loaded.filter((r) => r.name === 'GomallDaprSidecarDown')[0]?.state).toBe('inactive');
  });
});
