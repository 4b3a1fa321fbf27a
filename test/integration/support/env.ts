/** Where the run's isolated mall lives (set by setup/global-setup.ts). */
export function itEnv(name: string): string {
  const value = process.env[`GOMALL_IT_${name}`];
  if (!value)
    throw new Error(`GOMALL_IT_${name} is not set: run through jest's integration project`);
  return value;
}
