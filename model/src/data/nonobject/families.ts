/** Every page family and how often a page is drawn from it (text-heavy kinds are the commonest on the web). */
import { calendarFamily } from './calendar.ts';
import { chartFamily } from './chart.ts';
import { chatFamily } from './chat.ts';
import { codeFamily } from './code.ts';
import { dashboardFamily } from './dashboard.ts';
import { documentFamily } from './document.ts';
import { emailFamily } from './email.ts';
import { errorPageFamily } from './error-page.ts';
import type { PageFamily } from './family.ts';
import { formFamily } from './form.ts';
import { slideFamily } from './slide.ts';
import { tableFamily } from './table.ts';
import { terminalFamily } from './terminal.ts';

export const FAMILIES: readonly (readonly [PageFamily, number])[] = [
  [documentFamily, 3],
  [codeFamily, 3],
  [tableFamily, 2],
  [chartFamily, 3],
  [formFamily, 2.5],
  [terminalFamily, 1],
  [emailFamily, 1],
  [chatFamily, 1],
  [calendarFamily, 1],
  [slideFamily, 1],
  [dashboardFamily, 1],
  [errorPageFamily, 0.5],
];
