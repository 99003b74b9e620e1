import type { ApiError } from '../../api/client';
import type { ScorecardExpectations } from './scorecard';

/** The form's values: the on-time rate as a percentage (90 for 0.9), as people write it. */
export interface ExpectationsFormValues {
  readonly registrations: number | null;
  readonly activitiesPerMonth: number | null;
  readonly onTimePercent: number | null;
  readonly poolCompliant: boolean;
}

export function formValuesOf(e: ScorecardExpectations): ExpectationsFormValues {
  return { registrations: e.registrations, activitiesPerMonth: e.activitiesPerMonth, onTimePercent: Number((e.onTimeRate * 100).toFixed(2)), poolCompliant: e.poolCompliant };
}

/** The mutation's input from the form: the percentage back to a share (4 decimals), the version read for the optimistic lock. */
export function expectationsInputOf(values: ExpectationsFormValues, year: number, expectedVersion: number) {
  return {
    year,
    registrations: values.registrations,
    activitiesPerMonth: values.activitiesPerMonth,
    onTimeRate: values.onTimePercent == null ? null : Number((values.onTimePercent / 100).toFixed(4)),
    poolCompliant: values.poolCompliant,
    expectedVersion,
  };
}

const FORM_FIELD: Readonly<Record<string, keyof ExpectationsFormValues>> = {
  'input.registrations': 'registrations',
  'input.activitiesPerMonth': 'activitiesPerMonth',
  'input.onTimeRate': 'onTimePercent',
  'input.poolCompliant': 'poolCompliant',
};

/** The API's message about a field (English) in Chinese; the rate's bounds as percentages. */
function chineseOf(field: keyof ExpectationsFormValues | null, message: string): string {
  if (/^is required/.test(message)) return '必填';
  if (field === 'onTimePercent' && /must be at (least|most)/.test(message)) return '须在 0% 到 100% 之间';
  let m = /^must be at least (.+)$/.exec(message);
  if (m) return `不能小于 ${m[1]}`;
  m = /^must be at most (.+)$/.exec(message);
  if (m) return `不能大于 ${m[1]}`;
  m = /^may have at most (\d+) decimal places$/.exec(message);
  if (m) return field === 'onTimePercent' ? '最多 2 位小数' : `最多 ${m[1]} 位小数`;
  if (/whole number/.test(message)) return '须为整数';
  return message;
}

/**
 * Where each API error goes: a field of the form (BAD_USER_INPUT at input.<field>), or the form as
 * a whole (the year, a CONFLICT, anything else), in Chinese.
 */
export function apiErrorsOf(error: ApiError): { fields: { name: keyof ExpectationsFormValues; errors: string[] }[]; form: string | null } {
  const fields = new Map<keyof ExpectationsFormValues, string[]>();
  const rest: string[] = [];
  for (const f of error.fields) {
    const name = FORM_FIELD[f.field] ?? null;
    const text = chineseOf(name, f.message);
    if (name) fields.set(name, [...(fields.get(name) ?? []), text]);
    else rest.push(f.field === 'input.year' ? `年度${text}` : `${f.field}：${text}`);
  }
  const form = rest.length ? rest.join('；') : fields.size ? null : error.message;
  return { fields: [...fields].map(([name, errors]) => ({ name, errors })), form };
}
