import { registerEnumType } from 'type-graphql';

const labelsByEnum = new Map<string, Readonly<Record<string, string>>>();

/**
 * Registers a SCREAMING_CASE enum with its Chinese display labels: the labels become the
 * values' descriptions in the schema and stay available to code (`enumLabel`), e.g. for
 * spreadsheet headers and exports.
 */
export function registerLabelledEnum<E extends Record<string, string>>(
  enumObject: E,
  name: string,
  description: string,
  labels: Readonly<Record<E[keyof E], string>>,
): void {
  const valuesConfig: Record<string, { description: string }> = {};
  for (const key of Object.keys(enumObject)) valuesConfig[key] = { description: labels[enumObject[key] as E[keyof E]] };
  registerEnumType(enumObject, { name, description, valuesConfig: valuesConfig as never });
  labelsByEnum.set(name, labels as Readonly<Record<string, string>>);
}

export function enumLabel(enumName: string, value: string): string {
  return labelsByEnum.get(enumName)?.[value] ?? value;
}

export function enumLabels(enumName: string): Readonly<Record<string, string>> {
  const labels = labelsByEnum.get(enumName);
  if (!labels) throw new Error(`Enum ${enumName} is not registered`);
  return labels;
}
