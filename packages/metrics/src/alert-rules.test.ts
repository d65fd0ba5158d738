import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { checkRules, describeWithPromtool, testRules } from './testing/promtool.js';

const rules = fileURLToPath(new URL('../../../docs/prometheus/newsroom-alerts.yml', import.meta.url));
const ruleTests = fileURLToPath(
  new URL('../../../docs/prometheus/newsroom-alerts.test.yml', import.meta.url),
);

describeWithPromtool('the alert rules docs/operations.md suggests', () => {
  it('are valid Prometheus rules', async () => {
    const result = await checkRules(rules);
    expect(result.output).toContain('SUCCESS: 9 rules found');
    expect(result.exitCode).toBe(0);
  });

  it('fire on the series that should fire them, and not on the others', async () => {
    const result = await testRules(ruleTests);
    expect(result.output).toContain('SUCCESS');
    expect(result.exitCode).toBe(0);
  });
});
