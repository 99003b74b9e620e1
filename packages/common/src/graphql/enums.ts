import { registerEnumType } from 'type-graphql';

/**
 * Registers a SCREAMING_CASE enum with its Chinese display labels, which become the values'
 * descriptions in the schema.
 */
export function registerLabelledEnum<E extends Record<string, string>>(enumObject: E, name: string, description: string, labels: Readonly<Record<E[keyof E], string>>): void {
  const valuesConfig: Record<string, { description: string }> = {};
  for (const key of Object.keys(enumObject)) valuesConfig[key] = { description: labels[enumObject[key] as E[keyof E]] };
  registerEnumType(enumObject, { name, description, valuesConfig: valuesConfig as never });
}
