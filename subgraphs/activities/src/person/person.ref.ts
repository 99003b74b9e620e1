import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A person of the register, owned by the persons subgraph: this subgraph knows only the id. */
@ObjectType('Person', { simpleResolvers: true })
@Directive('@key(fields: "id")')
export class PersonRef {
  @Field(() => ID)
  id!: string;
}

export const personRef = (id: string): PersonRef => Object.assign(new PersonRef(), { id });
