// The language of a page: ?lang= (or the console's cookie), else the browser's Accept-Language.
import type { Locale } from '../../domain/intake/language.js';

export function pageLocale(lang: string | undefined, acceptLanguage: string | undefined): Locale {
  const pick = (lang ?? acceptLanguage ?? '').toLowerCase();
  if (/^zh[-_](cn|sg|hans)|^zh-hans/.test(pick)) return 'zh-Hans';
  if (/^zh/.test(pick)) return 'zh-Hant';
  return 'en';
}
