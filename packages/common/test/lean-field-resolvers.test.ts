import 'reflect-metadata';
import { execute, GraphQLResolveInfo, parse } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, ID, Info, Int, MiddlewareFn, ObjectType, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { buildFederatedSchema } from '../src/bootstrap/federation';
import { leanFieldResolvers } from '../src/bootstrap/lean-field-resolvers';

@ObjectType('LeanShelf')
@Directive('@key(fields: "id")')
class Shelf {
  @Field(() => ID)
  id!: string;
}

@ObjectType('LeanBook', { simpleResolvers: true })
class Book {
  @Field(() => ID)
  id!: string;
}

@ArgsType()
class Window {
  @Field(() => Int, { nullable: true })
  first?: number | null;
  @Field(() => String, { nullable: true })
  after?: string | null;
}

const shout: MiddlewareFn = async (_data, next) => `${String(await next())}!`;

interface Services {
  readonly prefix: string;
}

@Resolver(() => Shelf)
class ShelfResolver {
  constructor(private readonly services: Services) {}

  @Query(() => Shelf)
  shelf(): Shelf {
    return { id: 'plain-object' } as Shelf;
  }

  @FieldResolver(() => String)
  label(
    @Root() shelf: Shelf,
    @Arg('upper', () => Boolean, { nullable: true, defaultValue: false }) upper: boolean,
    @Args() window: Window,
    @Ctx() ctx: { tenant: string },
    @Info() info: GraphQLResolveInfo,
  ): string {
    const text = [this.services.prefix, shelf instanceof Shelf ? 'Shelf' : 'object', shelf.id, window instanceof Window ? 'Window' : 'object', Object.keys(window).join('+'), window.first, window.after, ctx.tenant, info.fieldName].join(' ');
    return upper ? text.toUpperCase() : text;
  }

  @FieldResolver(() => [Book])
  books(@Root() shelf: Shelf): Book[] {
    return [{ id: `${shelf.id}-1` }];
  }

  @FieldResolver(() => String)
  @UseMiddleware(shout)
  loud(@Root() shelf: Shelf): string {
    return shelf.id;
  }
}

function container(services: Services) {
  const instances = new Map<unknown, unknown>();
  return {
    get(someClass: new (s: Services) => unknown) {
      if (!instances.has(someClass)) instances.set(someClass, new someClass(services));
      return instances.get(someClass);
    },
  };
}

describe('field resolvers called without type-graphql’s per-call machinery', () => {
  it('are made, once type-graphql has built its metadata, for the field resolvers with nothing but root, context, info and plain arguments; not for one with a middleware', async () => {
    await buildFederatedSchema({ resolvers: [ShelfResolver] });
    const lean = leanFieldResolvers([ShelfResolver], container({ prefix: 'p' }) as never, { validate: false });
    // Where a build option applies to every field, none is lean.
    expect(leanFieldResolvers([ShelfResolver], container({ prefix: 'p' }) as never, { validate: true })).toEqual({});
    expect(leanFieldResolvers([ShelfResolver], container({ prefix: 'p' }) as never, { validate: false, authChecker: () => true })).toEqual({});
    expect(leanFieldResolvers([ShelfResolver], container({ prefix: 'p' }) as never, { validate: false, globalMiddlewares: [shout] })).toEqual({});
    expect(Object.keys(lean)).toEqual(['LeanShelf']);
    expect(Object.keys(lean.LeanShelf!).sort()).toEqual(['books', 'label']);
  });

  it('pass the method the values type-graphql passes: the root as an instance, arguments with defaults, the args class, context and info', async () => {
    const { schema } = await buildFederatedSchema({ resolvers: [ShelfResolver] }, container({ prefix: 'p' }) as never);
    const run = async (query: string) => execute({ schema, document: parse(query), contextValue: { tenant: 't1' } });
    expect(await run(`{ shelf { label(first: 3, after: "c") upper: label(upper: true) books { id } loud } }`)).toEqual({
      data: {
        shelf: {
          label: 'p Shelf plain-object Window first+after 3 c t1 label',
          upper: 'P SHELF PLAIN-OBJECT WINDOW    T1 LABEL',
          books: [{ id: 'plain-object-1' }],
          loud: 'plain-object!',
        },
      },
    });
  });
});
