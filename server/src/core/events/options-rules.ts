/*
 * Event rules declared in the plugin options (`events.rules`): each is an event rule plus, when it has
 * a web page action, its `webhookSecret` (the options have no admin to show a generated one to).
 * Pure: checks and parses them; the event-rule catalog serves them read-only as "options:<name>".
 */
import { InputError, type FieldProblem } from '../errors';
import { isPlainObject } from '../rules/zod-dispatch';
import { parseEventRule, type EventRule } from './event-rule-input';

/** Standard Webhooks' secret format: `whsec_` and the base64 of the key bytes. */
export const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/]{16,}={0,2}$/;

export interface OptionsRule {
  rule: EventRule;
  webhookSecret: string | null;
}

export const OPTIONS_ID_PREFIX = 'options:';

function parseOne(raw: unknown, index: number): { parsed: OptionsRule | null; problems: FieldProblem[] } {
  const { webhookSecret, ...body } = isPlainObject(raw) ? raw : { webhookSecret: undefined };
  const problems: FieldProblem[] = [];
  let rule: EventRule | null = null;
  try {
    rule = parseEventRule(body, { prefix: String(index) });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push(...error.problems);
  }
  if (webhookSecret !== undefined && (typeof webhookSecret !== 'string' || !WEBHOOK_SECRET.test(webhookSecret))) {
    problems.push({ path: `${index}.webhookSecret`, message: 'must be a Standard Webhooks secret: "whsec_" followed by base64 (at least 16 characters)' });
  } else if (rule?.actions.some((a) => a.type === 'webhook') && webhookSecret === undefined) {
    problems.push({ path: `${index}.webhookSecret`, message: 'is required for a rule with a web page action: set "whsec_" + base64 of 24+ random bytes (for example from an environment variable)' });
  }
  return { parsed: rule && !problems.length ? { rule, webhookSecret: (webhookSecret as string | undefined) ?? null } : null, problems };
}

/** Every problem of the declared rules, with paths relative to `events.rules`. */
export function optionsRuleProblems(raws: unknown[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const names = new Map<string, number>();
  raws.forEach((raw, index) => {
    const { parsed, problems: own } = parseOne(raw, index);
    problems.push(...own);
    const name = parsed?.rule.name;
    if (name === undefined) return;
    if (names.has(name)) problems.push({ path: `${index}.name`, message: `"${name}" is also the name of events.rules.${names.get(name)}: names must be unique` });
    else names.set(name, index);
  });
  return problems;
}

/** The declared rules (the options were checked at start, so every one parses). */
export function parseOptionsRules(raws: unknown[]): OptionsRule[] {
  return raws.map((raw, index) => parseOne(raw, index).parsed).filter((r): r is OptionsRule => r !== null);
}
