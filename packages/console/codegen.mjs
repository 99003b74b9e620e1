// Typed documents from the gateway's public API (gateway/api-schema.graphql, written by npm run compose).
/** @type {import('@graphql-codegen/cli').CodegenConfig} */
const config = {
  schema: '../../gateway/api-schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { documentMode: 'string', enumsAsTypes: true, useTypeImports: true, scalars: { Date: 'string', DateTime: 'string' } },
    },
  },
};

export default config;
