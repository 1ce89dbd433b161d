import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSeminar, importCorpusSource } from '../helpers/fixtures';
import { e2eHarness, highlighted, openSignedIn, selectPhrase, seriousViolations } from './browser';

const h = e2eHarness();
let course: Awaited<ReturnType<typeof createSeminar>>;
let caesar: string;
let cable: string;
const laptop = { viewport: { width: 1366, height: 800 } };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

beforeAll(async () => {
  course = await createSeminar(['Ana', 'Ben']);
  caesar = await importCorpusSource(course, 'cia-caesar-xv-anti-party-group-1962.txt', 'CAESAR XV', 0);
  cable = await importCorpusSource(course, 'mikoyan-cable-1956-09-22.txt', 'Mikoyan cable', 1);
});

/** The number of the ¶ at the top of the reader's screen. */
const topBlock = (page: Page) =>
  page.evaluate(() => {
    const block = [...document.querySelectorAll<HTMLElement>('.source-text > .block')].find((b) => b.getBoundingClientRect().bottom > 0);
    return Number(block?.id.replace(/^b/, '') ?? NaN);
  });
const scrollTo = (page: Page, block: number) => page.evaluate((id) => document.getElementById(id)!.scrollIntoView({ behavior: 'instant' }), `b${block}`);
/** The first few words of a paragraph's text, to select. */
const wordsOf = (page: Page, block: number) => page.evaluate((id) => document.querySelector(`#${id} .block-text`)!.firstChild!.textContent!.trim().split(/\s+/).slice(0, 4).join(' '), `b${block}`);

describe('seminar mode', () => {
  // (A whole seminar with three browsers: longer than one test's usual 30 s.)
  it('an instructor leads two students through a source: they follow, break away and rejoin (by mouse and keyboard), see a spotlight, mark a paragraph, ask anonymously, and the record goes to the board', { timeout: 90_000 }, async () => {
    const teacher = (await openSignedIn(h.browser, h.app.baseUrl, course.instructor, laptop)).page;
    const errors: Error[] = [];
    teacher.on('pageerror', (e) => errors.push(e));
    await teacher.goto(`${h.app.baseUrl}/c/${course.course.id}/d/${caesar}`);
    await teacher.locator('[data-sync="ready"]').waitFor();
    await teacher.getByRole('button', { name: 'Start seminar' }).click();
    const teacherBar = teacher.getByRole('region', { name: 'Seminar' });
    await teacherBar.getByText('You are leading.').waitFor();

    // Ana, on the board, sees the banner and joins; Ben joins from his phone.
    const ana = (await openSignedIn(h.browser, h.app.baseUrl, course.students[0]!, laptop)).page;
    ana.on('pageerror', (e) => errors.push(e));
    await ana.goto(`${h.app.baseUrl}/c/${course.course.id}/board`);
    const banner = ana.getByRole('region', { name: 'Live seminar' });
    await banner.getByText('Seminar on CAESAR XV is live').waitFor();
    await banner.getByRole('button', { name: 'Join' }).click();
    const anaBar = ana.getByRole('region', { name: 'Seminar' });
    await anaBar.getByText(`Following ${course.instructor.name}`).waitFor();
    const ben = (await openSignedIn(h.browser, h.app.baseUrl, course.students[1]!, phone)).page;
    await ben.goto(`${h.app.baseUrl}/c/${course.course.id}`);
    await ben.getByRole('button', { name: 'Join' }).click();
    await ben.getByRole('region', { name: 'Seminar' }).getByText(`Following ${course.instructor.name}`).waitFor();
    await teacherBar.getByText('2 students following').waitFor();

    // The instructor reads on to the middle of the source: both readers follow within a fraction of a second.
    await scrollTo(teacher, 40);
    const lead = await topBlock(teacher);
    await expect.poll(() => topBlock(ana), { timeout: 3000 }).toBe(lead);
    await expect.poll(() => topBlock(ben), { timeout: 3000 }).toBe(lead);

    // Ana scrolls herself: she reads on her own, and the instructor sees it; Ben still follows.
    await ana.mouse.move(400, 400);
    await ana.mouse.wheel(0, 600);
    await anaBar.getByText('Reading on your own.').waitFor();
    await teacherBar.getByText('1 student following').waitFor();
    await teacherBar.getByText('1 reading on their own').waitFor();
    const anaOwn = await topBlock(ana);
    await scrollTo(teacher, 90);
    const further = await topBlock(teacher);
    await expect.poll(() => topBlock(ben), { timeout: 3000 }).toBe(further);
    expect(await topBlock(ana)).toBe(anaOwn);
    // One click and she follows again.
    await anaBar.getByRole('button', { name: `Follow ${course.instructor.name}` }).click();
    await expect.poll(() => topBlock(ana), { timeout: 3000 }).toBe(further);
    await teacherBar.getByText('2 students following').waitFor();
    // From the keyboard too: Page Down reads on her own, and the bar's button (Enter) follows again.
    await ana.locator('body').press('PageDown');
    await anaBar.getByText('Reading on your own.').waitFor();
    await anaBar.getByRole('button', { name: `Follow ${course.instructor.name}` }).focus();
    await ana.keyboard.press('Enter');
    await anaBar.getByText(`Following ${course.instructor.name}`).waitFor();
    await expect.poll(() => topBlock(ana), { timeout: 3000 }).toBe(further);

    // A spotlight on a passage a little further on: marked for both, and brought into view for followers.
    const phrase = await wordsOf(teacher, further + 3);
    await selectPhrase(teacher, phrase);
    await teacher.getByRole('button', { name: 'Spotlight', exact: true }).click();
    await expect.poll(() => highlighted(ana, 'spotlight'), { timeout: 5000 }).toEqual([phrase]);
    await expect.poll(() => highlighted(ben, 'spotlight'), { timeout: 5000 }).toEqual([phrase]);
    await anaBar.getByText(phrase.slice(0, 20)).waitFor();
    // The projector view (for the room's screen) shows it too, and follows by itself.
    const projector = await teacher.context().newPage();
    await projector.goto(`${h.app.baseUrl}${await teacherBar.getByRole('link', { name: 'Projector view' }).getAttribute('href')}`);
    await expect.poll(() => highlighted(projector, 'spotlight'), { timeout: 5000 }).toEqual([phrase]);
    await projector.getByRole('heading', { name: 'Spotlight' }).waitFor();
    expect(await ana.getByRole('button', { name: 'Clear spotlight' }).count()).toBe(0);
    // Ana marks the spotlit paragraph as a question; the instructor's margin counts it, most questions first.
    await selectPhrase(ana, phrase);
    await ana.getByRole('group', { name: `Mark ¶ ${further + 3}` }).getByRole('button', { name: /Question/ }).click();
    // (Opened without scrolling to it: the leader's scrolling would move the class.)
    await teacher.getByText('Marked by the class (1)').evaluate((summary: HTMLElement) => summary.click());
    await teacher.locator('.marked-list li', { hasText: `¶ ${further + 3}` }).getByText('1 question').waitFor();
    await teacherBar.getByRole('button', { name: 'Clear spotlight' }).click();
    await expect.poll(() => highlighted(ana, 'spotlight'), { timeout: 5000 }).toEqual([]);
    // The projector follows the instructor by itself (in its own large type).
    await scrollTo(teacher, further + 10);
    const later = await topBlock(teacher);
    // (Within a paragraph: in its large type, where one paragraph ends at the top, either may count as the top.)
    await expect.poll(async () => Math.abs((await topBlock(projector)) - later), { timeout: 3000 }).toBeLessThanOrEqual(1);
    await expect.poll(() => topBlock(ana), { timeout: 3000 }).toBe(later);
    await scrollTo(teacher, further + 1);
    const back = await topBlock(teacher);
    await expect.poll(() => topBlock(ana), { timeout: 3000 }).toBe(back);

    // A class note of Ana's, spotlit from its card: its passage is marked and its card ringed, for Ben too.
    const notePhrase = await wordsOf(ana, further + 1);
    await selectPhrase(ana, notePhrase);
    await ana.getByRole('button', { name: /Annotate/ }).click();
    await ana.getByLabel('Your note').fill('Is this the first open split?');
    await ana.getByLabel('Class', { exact: true }).check();
    await ana.getByRole('button', { name: 'Save note' }).click();
    await teacher.locator('.note-card', { hasText: 'Is this the first open split?' }).getByRole('button', { name: 'Spotlight' }).click();
    await expect.poll(() => highlighted(ben, 'spotlight'), { timeout: 5000 }).toEqual([notePhrase]);
    await anaBar.getByText('Spotlit note').waitFor();
    const ring = () => ben.locator('.note-card', { hasText: 'Is this the first open split?' }).evaluate((card) => getComputedStyle(card).boxShadow);
    await expect.poll(ring, { timeout: 5000 }).toContain('rgb(244, 194, 13)');
    expect(await seriousViolations(ana)).toEqual([]);

    // Ben asks anonymously, told first that nobody will see his name; the class sees it without one, and the instructor answers.
    const benBar = ben.getByRole('region', { name: 'Seminar' });
    await benBar.getByRole('button', { name: 'Ask a question…' }).click();
    const ask = ben.getByRole('dialog', { name: 'Ask a question' });
    await ask.getByText('Classmates will not see your name. Your instructors will not either.').waitFor();
    await ask.getByRole('button', { name: 'Send question' }).click();
    await ask.getByRole('alert').filter({ hasText: 'Write your question.' }).waitFor();
    await ask.getByLabel('Your question').fill('Did Zhukov decide it?');
    await ask.getByRole('button', { name: 'Send question' }).click();
    await ask.waitFor({ state: 'detached' });
    await anaBar.getByRole('button', { name: /^Questions \(1\)/ }).click();
    const anaQuestion = ana.locator('#seminar-questions li', { hasText: 'Did Zhukov decide it?' });
    await anaQuestion.getByText('Anonymous').waitFor();
    await teacherBar.getByRole('button', { name: /^Questions \(1\)/ }).click();
    const teacherQuestion = teacher.locator('#seminar-questions li', { hasText: 'Did Zhukov decide it?' });
    await teacherQuestion.getByText('Anonymous').waitFor();
    await teacherQuestion.getByRole('button', { name: 'Mark answered' }).click();
    await anaQuestion.getByText('Anonymous · Answered').waitFor();
    await projector.getByRole('heading', { name: 'Questions (1), 1 answered' }).waitFor();
    await projector.getByText('— anonymous, answered').waitFor();
    expect(await seriousViolations(projector)).toEqual([]);
    expect(await seriousViolations(ben)).toEqual([]);

    // The instructor ends it (after confirming): the record says who joined and what was spotlit, and goes to the board.
    await teacherBar.getByRole('button', { name: 'End seminar…' }).click();
    await teacher.getByRole('dialog', { name: 'End the seminar?' }).getByRole('button', { name: 'End seminar' }).click();
    await teacher.getByRole('heading', { name: 'Seminar on CAESAR XV' }).waitFor();
    await teacher.getByText('Joined (2)').waitFor();
    await teacher.getByText('Spotlight cleared').waitFor();
    await teacher.getByText(/Note in CAESAR XV: /).waitFor();
    await teacher.locator('.question-record').getByText('Did Zhukov decide it?').waitFor();
    expect(await seriousViolations(teacher)).toEqual([]);
    await anaBar.waitFor({ state: 'detached' });
    await projector.getByText('The seminar has ended.').waitFor();
    await teacher.getByRole('button', { name: 'Post to the board' }).click();
    await teacher.waitForURL(/\/board\?thread=/);
    await teacher.getByRole('heading', { name: /Seminar record: CAESAR XV/ }).waitFor();
    await ana.goto(`${h.app.baseUrl}/c/${course.course.id}/board`);
    await ana.getByText(/Seminar record: CAESAR XV/).first().waitFor();
    expect(await ana.getByRole('region', { name: 'Live seminar' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

/** The number of the ¶ at the top of a compare side (under its sticky header). */
const topOfSide = (page: Page, side: 'left' | 'right') =>
  page.evaluate((side) => {
    const root = document.querySelector(`[data-side="${side}"]`)!;
    const line = root.querySelector('.side-header')!.getBoundingClientRect().bottom;
    const block = [...root.querySelectorAll<HTMLElement>('.source-text > .block')].find((b) => b.getBoundingClientRect().bottom > line + 1);
    return Number(block?.id.replace(/^(left|right)-b/, '') ?? NaN);
  }, side);

describe('seminar mode in the compare view', () => {
  it('leads both sides: a student follows each side separately, and sees a spotlight on the right one', { timeout: 90_000 }, async () => {
    const teacher = (await openSignedIn(h.browser, h.app.baseUrl, course.instructor, laptop)).page;
    await teacher.goto(`${h.app.baseUrl}/c/${course.course.id}/compare?left=${caesar}&right=${cable}`);
    await expect.poll(() => teacher.locator('[data-sync="ready"]').count()).toBe(2);
    await teacher.getByRole('button', { name: 'Start seminar' }).click();
    const teacherBar = teacher.getByRole('region', { name: 'Seminar' });
    await teacherBar.getByText('You are leading.').waitFor();

    const ana = (await openSignedIn(h.browser, h.app.baseUrl, course.students[0]!, laptop)).page;
    await ana.goto(`${h.app.baseUrl}/c/${course.course.id}/timeline`);
    await ana.getByRole('region', { name: 'Live seminar' }).getByText('Seminar on CAESAR XV and Mikoyan cable is live').waitFor();
    await ana.getByRole('button', { name: 'Join' }).click();
    await ana.waitForURL(/\/compare\?left=/);
    await expect.poll(() => ana.locator('[data-sync="ready"]').count()).toBe(2);
    await teacherBar.getByText('1 student following').waitFor();

    // Each side of the instructor's view moves on its own; Ana's sides follow each.
    await teacher.evaluate(() => document.getElementById('left-b40')!.scrollIntoView({ behavior: 'instant' }));
    await teacher.evaluate(() => document.getElementById('right-b8')!.scrollIntoView({ behavior: 'instant' }));
    const [left, right] = [await topOfSide(teacher, 'left'), await topOfSide(teacher, 'right')];
    expect(left).toBeGreaterThan(30);
    // (Within a paragraph: where one paragraph's bottom meets the sticky header, either may count as the top.)
    const near = (side: 'left' | 'right', at: number) => expect.poll(async () => Math.abs((await topOfSide(ana, side)) - at), { timeout: 3000 }).toBeLessThanOrEqual(1);
    await near('left', left);
    await near('right', right);

    // A spotlight on the right side is marked on Ana's right side.
    const phrase = await teacher.evaluate(() => document.querySelector('#right-b9 .block-text')!.firstChild!.textContent!.trim().split(/\s+/).slice(0, 3).join(' '));
    await selectPhrase(teacher, phrase);
    await teacher.locator('[data-side="right"]').getByRole('button', { name: 'Spotlight', exact: true }).click();
    await expect.poll(() => highlighted(ana, 'right-spotlight'), { timeout: 5000 }).toEqual([phrase]);
    expect(await highlighted(ana, 'left-spotlight')).toEqual([]);

    await teacherBar.getByRole('button', { name: 'End seminar…' }).click();
    await teacher.getByRole('dialog', { name: 'End the seminar?' }).getByRole('button', { name: 'End seminar' }).click();
    await teacher.getByRole('heading', { name: 'Seminar on CAESAR XV and Mikoyan cable' }).waitFor();
  });
});
