/** Retries an assertion until it passes or the time is up (for logs and asynchronous effects). */
export async function eventually<T>(
  fn: () => T | Promise<T>,
  timeoutMs = 5000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}
