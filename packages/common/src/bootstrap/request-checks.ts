import { DocumentNode, Kind, parse, SelectionSetNode, ValueNode } from 'graphql';
import { ErrorCode, FieldError } from '../errors';

/**
 * Checks of a GraphQL request made once, on its parsed body, before Apollo Server parses the
 * document: by the HTTP app of the gateway and of every subgraph alike (`createHttpApp`). None
 * walks the schema or wraps a resolver, so they cost nothing per field.
 */

/** A refusal to answer at once: status, code and message, as the other limits answer. */
export interface RequestRefusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** What one request carries: the JSON body of a POST, or the parameters of a GET. */
export interface GraphqlRequestParts {
  readonly query?: unknown;
  readonly variables?: unknown;
}

/** The UTF-8 length of `text` is over `max` (bytes are never fewer than UTF-16 code units). */
function overBytes(text: string, max: number): boolean {
  return text.length > max || (text.length * 3 > max && Buffer.byteLength(text, 'utf8') > max);
}

/**
 * The document is larger than `maxDocumentBytes`: a 400 naming the limit, with the code of the
 * other operation limits. Comments and string literals are not tokens, so without this a body of
 * megabytes of them passed the token limit; large values travel as variables.
 */
export function documentTooLarge(query: unknown, maxDocumentBytes: number): RequestRefusal | null {
  if (typeof query !== 'string' || !overBytes(query, maxDocumentBytes)) return null;
  return {
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: `The query document is larger than ${maxDocumentBytes} bytes: send large values as variables.`,
  };
}

/** `\ud800` as a client wrote it in JSON. */
function escaped(unit: number): string {
  return `\\u${unit.toString(16).padStart(4, '0')}`;
}

/**
 * Half of a UTF-16 surrogate pair without its other half. (String.prototype.isWellFormed is
 * ES2024, past this project's library types; the regular expression, without the `u` flag, reads
 * code units and answers the same.)
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

function wellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

function surrogateProblem(text: string): string {
  const unit = LONE_SURROGATE.exec(text)?.[0].charCodeAt(0) ?? 0xfffd;
  return `contains ${escaped(unit)}, half of a UTF-16 surrogate pair without its other half, which is no character: send the text as it was typed`;
}

function refusal(field: string, message: string): RequestRefusal {
  const fields: FieldError[] = [{ field, message }];
  return { status: 400, code: ErrorCode.BAD_USER_INPUT, message: `${field}: ${message}`, extensions: { field, fields } };
}

/**
 * The first text in a variable value (or a key of one) that is not well formed, with its path
 * from the value, innermost last. The path is made only for the text found: an import's rows are
 * walked without a string per value.
 */
function illFormed(value: unknown): { path: (string | number)[]; text: string } | null {
  if (typeof value === 'string') return wellFormed(value) ? null : { path: [], text: value };
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = illFormed(value[i]);
      if (found) {
        found.path.unshift(i);
        return found;
      }
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const found = wellFormed(key) ? illFormed((value as Record<string, unknown>)[key]) : { path: [], text: key };
    if (found) {
      found.path.unshift(key);
      return found;
    }
  }
  return null;
}

/** `variables.rows[1].name`, as InputChecker names fields. */
function pathName(root: string, path: readonly (string | number)[]): string {
  return path.reduce<string>((name, step) => (typeof step === 'number' ? `${name}[${step}]` : `${name}.${step}`), root);
}

/**
 * A JSON text can hold an unpaired surrogate only as a `\uD800`–`\uDFFF` escape: decoding UTF-8
 * never makes one (a broken sequence becomes U+FFFD). A body without such an escape (about a
 * millisecond to tell for an 8 MiB import) needs no walk through its values.
 */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
export function mayHoldLoneSurrogates(jsonText: string): boolean {
  return SURROGATE_ESCAPE.test(jsonText);
}

/**
 * An unpaired UTF-16 surrogate ("\ud800" in JSON) in a variable or in a string literal of the
 * document: BAD_USER_INPUT naming the variable's path (`variables.input.name`) or the argument
 * (`input.name`). Such a value is no text: stored, it would become U+FFFD (MySQL, SQLite's UTF-8)
 * or be refused by the database, so the platform refuses it once for every String, ID and scalar
 * input of every subgraph, before anything runs.
 *
 * The parser refuses such a character in a document itself ("Invalid character within String"),
 * as a syntax error that names no argument: a document that is not well formed is read once more
 * with the characters replaced (the same offsets) to name the argument that holds one.
 */
export function loneSurrogateIn(parts: GraphqlRequestParts, maxTokens: number): RequestRefusal | null {
  const variable = parts.variables === undefined ? null : illFormed(parts.variables);
  if (variable) return refusal(pathName('variables', variable.path), surrogateProblem(variable.text));
  if (typeof parts.query === 'string' && !wellFormed(parts.query)) {
    const argument = argumentHolding(parts.query, maxTokens);
    if (argument) return refusal(argument.path, `${surrogateProblem(argument.text)} (an argument of ${argument.field})`);
  }
  return null;
}

/** The argument path (`input.name`) of the string literal that holds an unpaired surrogate, if one does. */
function argumentHolding(query: string, maxTokens: number): { path: string; field: string; text: string } | null {
  let document: DocumentNode;
  try {
    // U+FFFD for each: one code unit for one, so every offset stays.
    document = parse(query.replace(LONE_SURROGATES, '\uFFFD'), { maxTokens });
  } catch {
    return null;
  }
  const offsets = [...query.matchAll(LONE_SURROGATES)].map((m) => m.index);
  const holds = (value: ValueNode): boolean => !!value.loc && offsets.some((o) => o >= value.loc!.start && o < value.loc!.end);
  const inValue = (value: ValueNode, path: string): string | null => {
    if (!holds(value)) return null;
    if (value.kind === Kind.STRING) return path;
    if (value.kind === Kind.OBJECT) {
      for (const f of value.fields) {
        const found = inValue(f.value, `${path}.${f.name.value}`);
        if (found) return found;
      }
    }
    if (value.kind === Kind.LIST) {
      for (let i = 0; i < value.values.length; i++) {
        const found = inValue(value.values[i]!, `${path}[${i}]`);
        if (found) return found;
      }
    }
    return null;
  };
  const text = (value: ValueNode): string => query.slice(value.loc!.start, value.loc!.end);
  const inSelections = (set: SelectionSetNode): { path: string; field: string; text: string } | null => {
    for (const selection of set.selections) {
      for (const directive of selection.directives ?? []) {
        for (const a of directive.arguments ?? []) {
          const path = inValue(a.value, a.name.value);
          if (path) return { path, field: `@${directive.name.value}`, text: text(a.value) };
        }
      }
      if (selection.kind === Kind.FIELD) {
        for (const a of selection.arguments ?? []) {
          const path = inValue(a.value, a.name.value);
          if (path) return { path, field: selection.name.value, text: text(a.value) };
        }
      }
      if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet) {
        const found = inSelections(selection.selectionSet);
        if (found) return found;
      }
    }
    return null;
  };
  for (const d of document.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION) {
      for (const v of d.variableDefinitions ?? []) {
        const path = v.defaultValue ? inValue(v.defaultValue, `$${v.variable.name.value}`) : null;
        if (path) return { path, field: `the default of $${v.variable.name.value}`, text: text(v.defaultValue!) };
      }
    }
    if (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) {
      const found = inSelections(d.selectionSet);
      if (found) return found;
    }
  }
  return null;
}
