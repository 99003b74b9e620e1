import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Person, owned by the persons subgraph; this subgraph only contributes fields to it. */
@ObjectType('Person')
@Directive('@key(fields: "id")')
export class PersonRef {
  @Field(() => ID)
  id!: string;
}

export function personRef(id: string): PersonRef {
  return Object.assign(new PersonRef(), { id });
}
