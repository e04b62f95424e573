// Customer HTML is hostile until proven otherwise: scripts, event handlers and
// javascript: links are removed before the HTML is stored, so no page can run them.
import sanitize from 'sanitize-html';
import { HTML_BUDGET, withinBudget } from '../../domain/text/budget.js';

const OPTIONS: sanitize.IOptions = {
  allowedTags: sanitize.defaults.allowedTags.concat(['img', 'span', 'font', 'center']),
  allowedAttributes: {
    '*': ['style', 'align', 'dir', 'lang', 'title'],
    a: ['href', 'name'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan', 'align', 'valign'],
    th: ['colspan', 'rowspan', 'align', 'valign'],
    font: ['color', 'size', 'face'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'cid', 'data'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Inline CSS is kept only in harmless forms; url() could still fetch remote content.
  allowedStyles: {
    '*': {
      color: [/^[#a-z0-9(),.\s%]+$/i],
      'background-color': [/^[#a-z0-9(),.\s%]+$/i],
      'text-align': [/^(left|right|center|justify)$/],
      'font-weight': [/^(bold|normal|\d{3})$/],
      'font-style': [/^(italic|normal)$/],
      'text-decoration': [/^(underline|line-through|none)$/],
    },
  },
};

/** The first HTML_BUDGET characters of the HTML, sanitised (the mail's text is kept whole). */
export function sanitizeHtml(html: string): string {
  return sanitize(withinBudget(html, HTML_BUDGET), OPTIONS);
}
