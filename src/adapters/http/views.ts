// Server-rendered pages: Handlebars templates in views/, HTML-escaped, in one layout.
// Forms post back, so every page works without JavaScript; the only scripts are the
// template editor's live preview and the report charts (files served from our origin,
// allowed by those pages' CSP alone).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');
const hb = Handlebars.create();
const compile = (name: string) => hb.compile(readFileSync(path.join(DIR, `${name}.hbs`), 'utf8'), { strict: false });
const RUNTIME: Handlebars.RuntimeOptions = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };

// The console's header, shared by its pages (empty on public pages, which pass no nav).
hb.registerPartial('consoleNav', readFileSync(path.join(DIR, 'consoleNav.hbs'), 'utf8'));

const layout = compile('layout');
const views = {
  message: compile('message'),
  survey: compile('survey'),
  consent: compile('consent'),
  recognition: compile('recognition'),
  feedback: compile('feedback'),
  login: compile('login'),
  board: compile('board'),
  case: compile('case'),
  users: compile('users'),
  templates: compile('templates'),
  template: compile('template'),
  diff: compile('diff'),
  rules: compile('rules'),
  queues: compile('queues'),
  reports: compile('reports'),
  faq: compile('faq'),
  results: compile('results'),
  publicFaq: compile('publicFaq'),
  callbacks: compile('callbacks'),
  incidents: compile('incidents'),
  incident: compile('incident'),
};

export type View = keyof typeof views;

export function renderPage(view: View, page: { lang: string; title: string; company: string; wide?: boolean }, data: Record<string, unknown>): string {
  return layout({ ...page, body: views[view](data, RUNTIME) }, RUNTIME);
}
