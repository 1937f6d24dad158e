/**
 * Reference captions for non-object pages: what a person would say the image is ("a bar chart", "a
 * screenshot of code"), never an object. Five per image: four paraphrases of what it specifically is and
 * one plainer one for its kind, in a seeded order.
 *
 * Mostly a data table (the caption pools), so longer than the house file size; it is one concern.
 */
import type { Rng } from '../rng.ts';
import type { PageKind } from './family.ts';

export const CAPTIONS_PER_IMAGE = 5;

const SPECIFIC = {
  article: [
    'a screenshot of a document',
    'a page of text with headings',
    'a screenshot of an article',
    'a document with paragraphs of text',
    'a web page with an article',
    'a screenshot of a text document',
    'a page of written text',
  ],
  wiki: [
    'a screenshot of a wiki page',
    'a reference page with a sidebar',
    'a document with a table of contents',
    'a page of text with headings',
    'a screenshot of a web page with text',
    'a help page with text',
  ],
  notes: [
    'a screenshot of plain text',
    'a text file with notes',
    'a page of notes',
    'a screenshot of a text editor',
    'a plain text document',
    'notes written in a text file',
  ],
  paper: [
    'a page from a research paper',
    'a document with two columns of text',
    'a screenshot of an academic paper',
    'a page of text in two columns',
    'a screenshot of a scientific article',
    'a document set in two columns',
  ],
  code: [
    'a screenshot of code',
    'source code in an editor',
    'a screenshot of {language} code',
    'lines of {language} code',
    'program code with syntax highlighting',
    'a code editor showing a file',
    'a screenshot of a program',
  ],
  'code-diff': [
    'a screenshot of a code review',
    'a diff of source code',
    'changed lines of {language} code',
    'a code diff with added and removed lines',
    'a screenshot of code changes',
    'a comparison of two versions of code',
  ],
  table: [
    'a table of numbers',
    'a data table',
    'a screenshot of a table',
    'a table with rows and columns',
    'rows of data in a table',
    'a table of records',
  ],
  spreadsheet: [
    'a screenshot of a spreadsheet',
    'a spreadsheet with numbers',
    'a grid of cells with data',
    'a spreadsheet program',
    'rows and columns of numbers',
    'a table of numbers in a spreadsheet',
  ],
  comparison: [
    'a comparison table',
    'a table comparing plans',
    'a pricing table',
    'a table of features and prices',
    'a screenshot of a comparison chart',
    'a table with rows and columns',
  ],
  'bar-chart': [
    'a bar chart',
    'a bar graph',
    'a chart with bars',
    'a bar chart with labelled axes',
    'a graph comparing values as bars',
    'a column chart',
  ],
  'line-chart': [
    'a line chart',
    'a line graph',
    'a chart with lines over time',
    'a graph with several lines',
    'a plot of values over time',
    'a line chart with a legend',
  ],
  'pie-chart': [
    'a pie chart',
    'a pie chart with a legend',
    'a chart divided into slices',
    'a circular chart of shares',
    'a pie graph',
    'a chart showing proportions',
  ],
  // Not "donut": the scene classes have one (a doughnut), and a caption must name no object.
  'donut-chart': [
    'a pie chart with a hole in the middle',
    'a circular chart with a hole in the middle',
    'a hollow pie chart',
    'a chart showing proportions',
    'a pie chart with the total in the centre',
    'a circular chart of shares',
  ],
  'scatter-plot': [
    'a scatter plot',
    'a scatter chart',
    'a plot of points',
    'a graph of scattered dots',
    'a scatter graph with axes',
    'a plot of data points',
  ],
  'area-chart': [
    'an area chart',
    'an area graph',
    'a chart with filled areas',
    'a graph with shaded regions',
    'a plot of values over time',
    'a stacked area chart',
  ],
  'sign-in': [
    'a sign in form',
    'a login page',
    'a login form',
    'a form asking for a username and password',
    'a screenshot of a sign in page',
    'a log in screen',
  ],
  'sign-up': [
    'a sign up form',
    'a registration form',
    'a form to create an account',
    'a screenshot of a sign up page',
    'an account registration page',
    'a form with fields for name and password',
  ],
  search: [
    'a search form',
    'a search page',
    'a screenshot of a search page with results',
    'a search field and results',
    'a list of search results',
    'a search bar with results',
  ],
  settings: [
    'a settings page',
    'a screenshot of settings',
    'a form with options and switches',
    'a preferences page',
    'an account settings form',
    'a list of settings',
  ],
  checkout: [
    'a checkout form',
    'a payment form',
    'a form asking for card details',
    'a screenshot of a checkout page',
    'an order form with a total',
    'a billing form',
  ],
  terminal: [
    'a screenshot of a terminal',
    'a command line window',
    'a terminal with commands and output',
    'a shell session',
    'text in a terminal window',
    'a console with text output',
  ],
  logs: [
    'a screenshot of log output',
    'lines of log messages',
    'a terminal showing logs',
    'a console with log lines',
    'server logs in a terminal',
    'a list of timestamped log messages',
  ],
  inbox: [
    'a screenshot of an email inbox',
    'an inbox with a list of messages',
    'a list of emails',
    'an email client',
    'a screenshot of a messaging inbox',
    'a list of messages with subjects',
  ],
  'email-message': [
    'a screenshot of an email',
    'an email message',
    'an email client showing a message',
    'a message in an inbox',
    'a screenshot of an opened email',
    'an email with a reply button',
  ],
  chat: [
    'a screenshot of a chat',
    'a chat conversation',
    'a messaging app',
    'a conversation in a chat window',
    'chat messages between people',
    'a screenshot of a group chat',
  ],
  'calendar-month': [
    'a calendar',
    'a monthly calendar',
    'a screenshot of a calendar',
    'a calendar showing a month',
    'a calendar with events',
    'a month view of a calendar',
  ],
  'calendar-week': [
    'a weekly calendar',
    'a calendar week view',
    'a screenshot of a calendar',
    'a schedule for the week',
    'a calendar with events',
    'a week of appointments',
  ],
  agenda: [
    'a calendar agenda',
    'a list of events for the day',
    'a screenshot of a schedule',
    'a daily agenda',
    'a timetable of events',
    'a day view of a calendar',
  ],
  slide: [
    'a presentation slide',
    'a slide with bullet points',
    'a slide from a presentation',
    'a screenshot of a slide',
    'a slide with a title and text',
    'a page from a slide deck',
  ],
  'slide-chart': [
    'a presentation slide with a chart',
    'a slide with a graph',
    'a slide from a presentation',
    'a screenshot of a slide',
    'a slide showing a chart',
    'a page from a slide deck',
  ],
  dashboard: [
    'a screenshot of a dashboard',
    'a dashboard with charts and numbers',
    'an analytics dashboard',
    'a page of charts and statistics',
    'a dashboard with graphs',
    'a screenshot of an admin panel',
  ],
  'not-found': [
    'a page not found error',
    'a 404 error page',
    'an error page',
    'a screenshot of an error message',
    'a web page saying the page was not found',
    'a missing page error',
  ],
  'server-error': [
    'a server error page',
    'a 500 error page',
    'an error page',
    'a screenshot of an error message',
    'a web page reporting an error',
    'an internal server error message',
  ],
  offline: [
    'a connection error page',
    'an error page',
    'a screenshot of an error message',
    'a page saying the site cannot be reached',
    'an offline error message',
    'a network error page',
  ],
} as const satisfies Record<string, readonly string[]>;

export type CaptionKey = keyof typeof SPECIFIC;
export const CAPTION_KEYS = Object.keys(SPECIFIC) as CaptionKey[];

/** The plainer fifth caption: true of any page of the kind. */
const GENERIC: Record<PageKind, readonly string[]> = {
  document: ['a screenshot of text', 'a screenshot of a web page', 'a page of text'],
  code: ['a screenshot of text', 'a screenshot of source code', 'a screenshot of a program'],
  table: ['a screenshot of a web page', 'a table', 'a screenshot of numbers and text'],
  chart: ['a chart', 'a graph', 'a screenshot of a chart'],
  form: ['a screenshot of a web form', 'a web form', 'a screenshot of a web page'],
  terminal: ['a screenshot of text', 'a terminal window', 'lines of text'],
  email: ['a screenshot of a web page', 'an email program', 'a screenshot of an app'],
  chat: ['a screenshot of an app', 'a chat window', 'a screenshot of messages'],
  calendar: ['a calendar', 'a screenshot of an app', 'a screenshot of a schedule'],
  slide: ['a slide', 'a screenshot of a presentation', 'a slide with text'],
  dashboard: ['a screenshot of a web page', 'a dashboard', 'charts and numbers'],
  'error-page': ['a screenshot of a web page', 'an error message', 'an error page'],
};

/** Every caption any page can get, with `{language}` filled by each name given (for checks over all of them). */
export function everyCaption(languages: readonly string[]): string[] {
  const templates = [...Object.values(SPECIFIC).flat(), ...Object.values(GENERIC).flat()];
  return [
    ...new Set(templates.flatMap((t) => languages.map((language) => t.replace('{language}', language)))),
  ];
}

export interface CaptionSubject {
  key: CaptionKey;
  /** Fills `{language}` in captions that name a programming language. */
  language?: string;
}

export function captionsFor(kind: PageKind, subject: CaptionSubject, rng: Rng): string[] {
  const fill = (caption: string) => caption.replace('{language}', subject.language ?? 'program');
  const pool: readonly string[] = rng.shuffle<string>(SPECIFIC[subject.key]);
  const specific = pool.slice(0, CAPTIONS_PER_IMAGE - 1);
  // Some plain captions are also some subject's own ("a page of text"); never give one twice.
  const plainer = GENERIC[kind].filter((caption) => !specific.includes(caption));
  const fifth = plainer.length > 0 ? rng.pick(plainer) : (pool[CAPTIONS_PER_IMAGE - 1] ?? 'a screenshot');
  return [...specific, fifth].map(fill);
}
