// The shape every area of the word catalogue has: one table per language, each of the
// area's type, so a language that lacks a word does not compile. Areas are listed in
// ./catalogue.ts, which the completeness test walks.
import type { Locale } from '../intake/language.js';

export type Words<T> = { readonly [L in Locale]: T };

/** An area's words: English first, it defines the area's keys and their arguments. */
export function defineWords<T>(en: T, zhHant: NoInfer<T>, zhHans: NoInfer<T>): Words<T> {
  return { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };
}
