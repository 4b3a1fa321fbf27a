import { tracingSettings } from '../src/tracing/setup';

describe('tracingSettings: the standard OpenTelemetry variables', () => {
  it('traces nothing without an exporter endpoint or a service name', () => {
    expect(tracingSettings({})).toBeUndefined();
    expect(tracingSettings({ OTEL_SERVICE_NAME: 'product' })).toBeUndefined();
    expect(
      tracingSettings({ OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'http://z/api/v2/spans' }),
    ).toBeUndefined();
  });

  it('prefers OTLP, falls back to Zipkin, and takes the service name from the image', () => {
    expect(
      tracingSettings({
        GOMALL_SERVICE: 'order',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
        OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'http://z/api/v2/spans',
      }),
    ).toEqual({
      service: 'order',
      exporter: 'otlp',
      endpoint: 'http://collector:4318/v1/traces',
      ratio: 1,
    });
    expect(
      tracingSettings({
        OTEL_SERVICE_NAME: 'cart',
        OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'http://z/api/v2/spans',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
      }),
    ).toEqual({
      service: 'cart',
      exporter: 'zipkin',
      endpoint: 'http://z/api/v2/spans',
      ratio: 0.25,
    });
  });

  it('is switched off by OTEL_SDK_DISABLED or OTEL_TRACES_EXPORTER=none', () => {
    const on = { OTEL_SERVICE_NAME: 'cart', OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'http://z' };
    expect(tracingSettings({ ...on, OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
    expect(tracingSettings({ ...on, OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined();
  });

  it('refuses a sampling ratio outside 0…1', () => {
    const on = { OTEL_SERVICE_NAME: 'cart', OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'http://z' };
    expect(() => tracingSettings({ ...on, OTEL_TRACES_SAMPLER_ARG: '2' })).toThrow(/0 to 1/);
    expect(() => tracingSettings({ ...on, OTEL_TRACES_SAMPLER_ARG: 'all' })).toThrow(/0 to 1/);
    expect(tracingSettings({ ...on, OTEL_TRACES_SAMPLER_ARG: '0' })?.ratio).toBe(0);
  });
});
