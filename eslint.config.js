// Lint rules: typescript-eslint's recommended set, plus a guard that keeps the
// domain core free of I/O (it may not import adapters, drivers or Node's I/O modules).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.local/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/adapters/**', '**/pipeline/**', '**/compose*'], message: 'The domain core must not depend on adapters or the pipeline.' },
          { group: ['mongoose', 'mongodb', 'ioredis', 'bullmq', 'imapflow', 'nodemailer', 'mailparser', 'fastify', 'node:fs*', 'node:net', 'node:http*', 'node:child_process'], message: 'The domain core is pure: no I/O libraries.' },
        ],
      }],
    },
  },
  {
    files: ['scripts/**/*.ts', 'scripts/**/*.mjs', 'test/**/*.ts', 'workers/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
