import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A Person of the persons subgraph, by reference: this subgraph only adds fields to it. */
@ObjectType('Person', { simpleResolvers: true })
@Directive('@key(fields: "id")')
export class PersonRef {
  @Field(() => ID)
  id!: string;
}

export function personRef(id: string): PersonRef {
  return Object.assign(new PersonRef(), { id });
}
