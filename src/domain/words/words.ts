// The shape every area of the word catalogue has: a row per word with its text in each
// language, so a word is added in one place and a row that lacks a language, or says it
// with other arguments, does not compile. Areas are listed in ./catalogue.ts, which the
// completeness test walks.
import { LOCALES, type Locale } from '../intake/language.js';

export type Words<T> = { readonly [L in Locale]: T };

/** A word in every language; English sets its type (a text, a table, or a phrase's arguments). */
type Rows<T> = { [K in keyof T]: { en: T[K]; 'zh-Hant': NoInfer<T[K]>; 'zh-Hans': NoInfer<T[K]> } };

/** An area's words, from its rows, as one table per language. */
export function defineWords<T>(rows: Rows<T>): Words<T> {
  const table = (locale: Locale) => Object.fromEntries(Object.entries(rows).map(([key, row]) => [key, (row as Record<Locale, unknown>)[locale]])) as T;
  return Object.fromEntries(LOCALES.map((l) => [l, table(l)])) as unknown as Words<T>;
}
