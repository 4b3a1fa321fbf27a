const SUFFIXES: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?$/;

/**
 * The value of a Kubernetes resource quantity ("500m", "0.5", "1Gi"), or undefined when the text
 * is not one. The API server rewrites quantities into canonical form ("0.5" → "500m"), so two
 * spellings of one amount must compare equal or every read would look like drift.
 */
export function parseQuantity(text: string): number | undefined {
  const match = QUANTITY.exec(text);
  if (!match?.[1]) return undefined;
  return Number(match[1]) * (SUFFIXES[match[2] ?? ''] ?? 1);
}

export function sameQuantity(a: string, b: string): boolean {
  const left = parseQuantity(a);
  const right = parseQuantity(b);
  if (left === undefined || right === undefined) return false;
  return Math.abs(left - right) <= Math.abs(left) * 1e-12;
}
