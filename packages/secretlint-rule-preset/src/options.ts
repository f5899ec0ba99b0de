/** Options every member rule takes (inside the preset's `rules` array, `options`). */
export interface RuleOptions {
  /**
   * Values to leave alone, as secretlint's other rules take them: `/regexp/flags` or a
   * literal that may appear anywhere in the credential value.
   */
  allows?: string[];
}

/** Options of the preset itself (the preset entry's `options`). */
export interface PresetOptions {
  /** Allow patterns applied by every member rule, before each rule's own `allows`. */
  allows?: string[];
  /** Registers the account-id rule, which is off by default (account ids are not secret). */
  enableAccountIdRule?: boolean;
  /**
   * Member rules to leave out, by id (`@credlint/secretlint-rule-aws-session-token`) or short
   * name (`aws-session-token`). secretlint 10 to 13 ignore `disabled: true` on a rule inside a
   * preset's `rules` array, so turning a kind off needs this option.
   */
  disabledRules?: string[];
}

export function assertObject(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`@credlint/secretlint-rule-preset: ${what} must be an object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}
