export * from './person/person.enums';
export { PersonEntity, SEALED } from './person/person.entity';
export type { PersonDraft, PersonRecord } from './person/person.validation';
export { PersonService } from './person/person.service';
export * from './services';
export * from './subgraph';
