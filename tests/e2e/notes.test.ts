import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinCourse } from '../../db/queries/courses';
import { importDocument } from '~/lib/sources/import.server';
import { createMember, createSeminar, type TestMember } from '../helpers/fixtures';
import { e2eHarness, highlighted, openSignedIn, seriousViolations } from './browser';

const h = e2eHarness();
let seminar: Awaited<ReturnType<typeof createSeminar>>;
let readerPath: string;

beforeAll(async () => {
  seminar = await createSeminar(['Ana', 'Ben']);
  readerPath = `/c/${seminar.course.id}/d/${seminar.documentId}`;
});

async function reader(member: TestMember, options: Parameters<Browser['newContext']>[0] = {}) {
  const { context, page } = await openSignedIn(h.browser, h.app.baseUrl, member, options);
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(h.app.baseUrl + readerPath);
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
  // Every room (class, private) synced: no late re-render will replace text under a test's selection.
  await page.locator('[data-sync="ready"]').waitFor();
  return { context, page };
}

/** Selects `phrase` in the source text, as a mouse drag would (across highlights, too). */
async function select(page: Page, phrase: string) {
  await page.evaluate((phrase) => {
    for (const span of document.querySelectorAll('.block-text')) {
      const at = span.textContent!.indexOf(phrase);
      if (at < 0) continue;
      const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.textContent!.length;
        if (at >= seen && at < seen + length) range.setStart(node, at - seen);
        if (at + phrase.length > seen && at + phrase.length <= seen + length) range.setEnd(node, at + phrase.length - seen);
        seen += length;
      }
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      return;
    }
    throw new Error(`phrase not found: ${phrase}`);
  }, phrase);
}

async function annotate(page: Page, phrase: string, body: string, visibility: 'Class' | 'Only me' = 'Class') {
  await select(page, phrase);
  await page.getByRole('button', { name: /Annotate/ }).click();
  await page.getByLabel('Your note').fill(body);
  await page.getByLabel(visibility, { exact: true }).check();
  await page.getByRole('button', { name: 'Save note' }).click();
}

/** A source of the seminar's course made of `paragraphs` (its own slug); the reader's path to it. */
async function addSource(name: string, paragraphs: string[]) {
  const { documentId } = await importDocument({
    meta: { slug: `${name}-${seminar.course.id}`, title: `A ${name} source`, kind: 'primary', genre: '', date: null, origin: '', textNote: '' },
    text: paragraphs.join('\n\n') + '\n',
    createdBy: seminar.instructor.id,
    courseId: seminar.course.id,
  });
  return `/c/${seminar.course.id}/d/${documentId}`;
}

/** `count` numbered paragraphs: "<label> 1. <text>", "<label> 2. <text>", … */
const numbered = (count: number, label: string, text: string) => Array.from({ length: count }, (_, i) => `${label} ${i + 1}. ${text}`);

/** Where a painted highlight's words are on screen, and whether the text is what is there (not the notes panel). */
const highlightAt = (page: Page, words: string) =>
  page.evaluate((words) => {
    const range = document.createRange();
    for (const painted of CSS.highlights.get('hl-class') as Iterable<AbstractRange>) {
      range.setStart(painted.startContainer, painted.startOffset);
      range.setEnd(painted.endContainer, painted.endOffset);
      if (range.toString() !== words) continue;
      const rect = range.getClientRects()[0]!;
      const point = { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      const hit = document.elementFromPoint(point.x, point.y);
      return { ...point, uncovered: rect.top >= 0 && !!hit?.closest('.text-column') };
    }
    return null;
  }, words);

const card = (page: Page, text: string) => page.locator('.note-card').filter({ hasText: text });

/** Opens a card's replies (threads are collapsed unless the card has focus). */
async function openReplies(page: Page, text: string, count: string) {
  const toggle = card(page, text).getByRole('button', { name: count });
  await toggle.waitFor();
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

describe('a class annotates a source together', () => {
  it('A annotates, B sees it live and replies, A sees the reply, the instructor hides it, students see the placeholder', async () => {
    const a = await reader(seminar.students[0]!);
    const b = await reader(seminar.students[1]!);
    const t = await reader(seminar.instructor);

    await annotate(a.page, 'a meeting was held', 'Who called this *meeting*?');
    await card(b.page, 'Who called this meeting?').waitFor();
    expect((await highlighted(b.page, 'hl-class')).filter((text) => text === 'a meeting was held')).toHaveLength(1);
    expect(await card(b.page, 'Who called this meeting?').locator('em').textContent()).toBe('meeting');

    await card(b.page, 'Who called this meeting?').getByRole('button', { name: 'Reply' }).click();
    await b.page.getByPlaceholder('Reply…').fill('Kim Il Sung, at Mikoyan’s request.');
    await b.page.getByRole('button', { name: 'Send reply' }).click();
    await openReplies(a.page, 'Who called this meeting?', '1 reply');
    await card(a.page, 'Who called this meeting?').getByText('Kim Il Sung, at Mikoyan’s request.').waitFor();

    await openReplies(t.page, 'Who called this meeting?', '1 reply');
    await card(t.page, 'Who called this meeting?').getByText('Kim Il Sung, at Mikoyan’s request.').waitFor();
    await card(t.page, 'Who called this meeting?').locator('.reply').getByRole('button', { name: 'Hide' }).click();
    const asked = t.page.getByRole('dialog', { name: 'Hide this reply from students?' });
    await asked.getByLabel('Reason (shown to the author)').fill('Unsourced claim');
    await asked.getByRole('button', { name: 'Hide' }).click();
    await card(a.page, 'Who called this meeting?').getByText('Hidden by the instructor.').waitFor();
    expect(await card(a.page, 'Who called this meeting?').getByText('Kim Il Sung, at Mikoyan’s request.').count()).toBe(0);
    await card(t.page, 'Who called this meeting?').getByText('Hidden from students: Unsourced claim').waitFor();
    expect(await card(t.page, 'Who called this meeting?').getByText('Kim Il Sung, at Mikoyan’s request.').count()).toBe(1);
    // Its author sees why, and is told.
    await openReplies(b.page, 'Who called this meeting?', '1 reply');
    await card(b.page, 'Who called this meeting?').getByText('only you and the instructors see it: Unsourced claim').waitFor();
    // (The notification is made as the projection stores the hide, a moment after it.)
    await expect
      .poll(async () => {
        await b.page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/notifications`);
        return b.page.getByRole('link', { name: /An instructor hid your note on/ }).count();
      })
      .toBe(1);
    await b.page.getByText('Reason: Unsourced claim').waitFor();
    await b.page.goto(h.app.baseUrl + readerPath);

    // A hidden note shows classmates nothing of it: not its text, not its quote.
    await card(t.page, 'Who called this meeting?').locator(':scope > footer').getByRole('button', { name: 'Hide' }).click();
    await t.page.getByRole('dialog', { name: 'Hide this note from students?' }).getByRole('button', { name: 'Hide' }).click();
    const hiddenCard = b.page.locator('.note-card').filter({ hasText: 'Hidden by the instructor.' }).first();
    await hiddenCard.waitFor();
    expect(await hiddenCard.locator('.card-quote').count()).toBe(0);
    expect(await b.page.locator('.note-card').filter({ hasText: 'a meeting was held' }).count()).toBe(0);
    await card(t.page, 'Who called this meeting?').locator(':scope > footer').getByRole('button', { name: 'Un-hide' }).click();

    // Un-hide restores it.
    await card(t.page, 'Who called this meeting?').locator('.reply').getByRole('button', { name: 'Un-hide' }).click();
    await card(a.page, 'Who called this meeting?').getByText('Kim Il Sung, at Mikoyan’s request.').waitFor();
    await Promise.all([a.context.close(), b.context.close(), t.context.close()]);
  });

  it('“Only me” notes are invisible to classmates, even after a reload', async () => {
    const a = await reader(seminar.students[0]!);
    const b = await reader(seminar.students[1]!);
    await annotate(a.page, 'passed us the draft', 'My private hunch: the draft was Soviet.', 'Only me');
    await card(a.page, 'My private hunch').waitFor();
    await b.page.waitForTimeout(500);
    await b.page.reload();
    await b.page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await b.page.waitForTimeout(300);
    expect(await card(b.page, 'My private hunch').count()).toBe(0);
    await a.page.reload();
    await card(a.page, 'My private hunch').waitFor();
    await Promise.all([a.context.close(), b.context.close()]);
  });

  it('a note written offline survives a reload and reaches classmates when the connection returns', async () => {
    let offline = false;
    const a = await reader(seminar.students[0]!);
    await a.context.routeWebSocket(/\/sync\//, (ws) => (offline ? ws.close({ code: 1013, reason: 'offline (test)' }) : ws.connectToServer()));
    const b = await reader(seminar.students[1]!);
    offline = true;
    await a.page.reload(); // the page itself loads; its sync connections do not
    await a.page.getByRole('status').filter({ hasText: /Offline/ }).waitFor(); // (rendered only once the page runs)
    await annotate(a.page, 'Cde. Kim Il Sung', 'Written on the train, offline.');
    await a.page.getByText(/change(s)? waiting/).waitFor();
    await a.page.reload();
    await card(a.page, 'Written on the train, offline.').waitFor(); // from IndexedDB
    expect(await card(b.page, 'Written on the train, offline.').count()).toBe(0);
    offline = false;
    await card(b.page, 'Written on the train, offline.').waitFor({ timeout: 20_000 });
    await Promise.all([a.context.close(), b.context.close()]);
  });

  it('with the network gone, says so within seconds, counts a note from the moment it is written, and reloads from the offline shell', async () => {
    const a = await reader(seminar.students[0]!);
    const b = await reader(seminar.students[1]!);
    // The worker installs on the first visit; from then on the pages opened are kept.
    await a.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await a.page.reload();
    await a.page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await a.page.locator('[data-sync="ready"]').waitFor();
    // A page reached by a link (only its data fetched) is kept too.
    await a.page.getByRole('link', { name: 'Board', exact: true }).click();
    await a.page.waitForURL(/\/board$/);
    await a.page.waitForTimeout(500);
    await a.page.goBack();
    // (The board has a data-sync state too: wait for the reader's own.)
    await a.page.waitForURL((url) => url.pathname === readerPath);
    await a.page.locator('.reader-columns[data-sync="ready"]').waitFor();
    await a.context.setOffline(true);
    await a.page.getByRole('status').filter({ hasText: /Offline/ }).waitFor({ timeout: 5_000 });
    await annotate(a.page, 'Cde. Kim Il Sung', 'Noted with the Wi-Fi gone.');
    await a.page.getByRole('status').filter({ hasText: '1 change waiting' }).waitFor({ timeout: 2_000 });
    await a.page.reload(); // no network: the kept page, its scripts, and the note from this browser's copy
    await card(a.page, 'Noted with the Wi-Fi gone.').waitFor();
    await a.page.getByRole('status').filter({ hasText: /Offline/ }).waitFor();
    expect(await card(b.page, 'Noted with the Wi-Fi gone.').count()).toBe(0);
    // A page never opened here says so, rather than the browser's error.
    await a.page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/members`);
    await a.page.getByRole('heading', { name: 'You are offline' }).waitFor();
    await a.page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/board`);
    await a.page.getByRole('heading', { name: 'Board' }).first().waitFor();
    await a.page.goto(h.app.baseUrl + readerPath);
    await a.context.setOffline(false);
    await card(b.page, 'Noted with the Wi-Fi gone.').waitFor({ timeout: 20_000 });
    await Promise.all([a.context.close(), b.context.close()]);
  });

  it('keeps my selection when a classmate’s note arrives in the same paragraph meanwhile', async () => {
    const a = await reader(seminar.students[0]!);
    const b = await reader(seminar.students[1]!);
    await select(a.page, 'a meeting');
    await a.page.getByRole('button', { name: /Annotate/ }).waitFor();
    await annotate(b.page, 'Today, 22 September', 'The date matters.');
    await expect.poll(() => highlighted(a.page, 'hl-class')).toContain('Today, 22 September');
    await a.page.getByRole('button', { name: /Annotate/ }).click();
    expect(await a.page.locator('.editor-quote').textContent()).toBe('a meeting');
    await Promise.all([a.context.close(), b.context.close()]);
  });

  it('works from the keyboard alone: focus a paragraph number, Alt+N, type, Ctrl+Enter', async () => {
    const a = await reader(seminar.students[0]!);
    const b = await reader(seminar.students[1]!);
    // Tab to the first paragraph's number.
    for (let i = 0; i < 40; i++) {
      await a.page.keyboard.press('Tab');
      if (await a.page.evaluate(() => document.activeElement?.getAttribute('href') === '#b1')) break;
    }
    expect(await a.page.evaluate(() => document.activeElement?.className)).toBe('block-number');
    await a.page.keyboard.press('Alt+KeyN');
    await a.page.keyboard.type('The whole first paragraph, by keyboard.');
    await a.page.keyboard.press('Control+Enter');
    await card(b.page, 'The whole first paragraph, by keyboard.').waitFor();
    expect(await card(b.page, 'The whole first paragraph, by keyboard.').locator('.card-quote').textContent()).toBe('Today, 22 September, a meeting was held.');
    // Alt+J: from the paragraph to its note, and back to the ¶ number it left.
    await a.page.locator('a.block-number[href="#b1"]').focus();
    await a.page.keyboard.press('Alt+KeyJ');
    // (The paragraph's first note: written by this test, or by another one on the same passage.)
    await expect.poll(() => a.page.evaluate(() => document.activeElement?.closest('.note-card')?.querySelector('.card-quote')?.textContent ?? '')).toMatch(/^Today, 22 September/);
    await a.page.keyboard.press('Alt+KeyJ');
    await expect.poll(() => a.page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#b1');
    await Promise.all([a.context.close(), b.context.close()]);
  });

  it('skip links reach the notes and the text within a few Tab presses of the top, on a long source', async () => {
    const path = await addSource('skip', numbered(60, 'Item', 'A line of the protocol, long enough to be a paragraph of its own.'));
    const { context, page } = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!);
    await page.goto(h.app.baseUrl + path);
    await page.locator('[data-sync="ready"]').waitFor();
    let presses = 0;
    for (; presses < 30; presses++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.textContent === 'Skip to the notes')) break;
    }
    expect(presses).toBeLessThan(20); // (127 to the first margin control before)
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('#margin-notes')))).toBe(true);
    await context.close();
  });
});

describe('annotating deep in a long source', () => {
  for (const [device, viewport] of [['a laptop', { width: 1366, height: 800 }], ['a phone', { width: 390, height: 844 }]] as const) {
    it(`keeps the reader's place on ${device}, at ¶ 40 and at the end: the editor opens in view and the new card is in view after saving`, async () => {
      const path = await addSource(`deep-${viewport.width}`, numbered(80, 'Clause', 'The plenum heard the report, debated it at length and adopted the resolution as amended by the commission.'));
      const { context, page } = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!, { viewport });
      await page.goto(h.app.baseUrl + path);
      await page.locator('[data-sync="ready"]').waitFor();
      const inView = async (box: { y: number; height: number } | null) => box !== null && box.y >= 0 && box.y + Math.min(box.height, 120) <= viewport.height;
      for (const n of [40, 80]) {
        // (Twice: paragraphs laid out for the first time on the way change the height above it.)
        for (let i = 0; i < 2; i++) {
          await page.evaluate((n) => document.getElementById(`b${n}`)!.scrollIntoView({ block: 'center' }), n);
          await page.waitForTimeout(150);
        }
        const before = await page.evaluate(() => window.scrollY);
        expect(before).toBeGreaterThan(1000);
        await select(page, `Clause ${n}. The plenum`);
        await page.getByRole('button', { name: /Annotate/ }).click();
        const editor = page.getByRole('form', { name: 'Note editor' });
        await editor.getByLabel('Your note').waitFor();
        await expect.poll(() => editor.getByLabel('Your note').evaluate((el) => el === document.activeElement)).toBe(true);
        // (Before: the editor sat at the top of the margin and focusing it scrolled the reader to the top.)
        expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(viewport.height / 2);
        expect(await inView(await editor.getByLabel('Your note').boundingBox())).toBe(true);
        await editor.getByLabel('Your note').fill(`On clause ${n}, written where I was.`);
        await editor.getByLabel('Tags').fill('deep');
        await editor.getByLabel('Tags').press('Control+Enter'); // saves from the tags field too
        const saved = card(page, `On clause ${n}, written where I was.`);
        await saved.waitFor();
        await page.waitForTimeout(300);
        expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(viewport.height / 2);
        expect(await inView(await saved.boundingBox())).toBe(true);
        if (viewport.width < 800) await page.getByRole('button', { name: 'Close notes' }).click();
      }
      await context.close();
    });
  }
});

describe('presence and links', () => {
  it('marks the instructor’s notes and presence, so a student of the same name cannot pass for them', async () => {
    const namesake = await createMember(seminar.instructor.name);
    await joinCourse({ courseId: seminar.course.id, userId: namesake.id });
    const teacher = await reader(seminar.instructor);
    const copy = await reader(namesake);
    for (const [page, body] of [[teacher.page, 'The real instructor speaks.'], [copy.page, 'An impostor speaks.']] as const) {
      await page.getByRole('button', { name: 'Note on the whole source' }).click();
      await page.getByLabel('Your note').fill(body);
      await page.getByLabel('Class', { exact: true }).check();
      await page.getByRole('button', { name: 'Save note' }).click();
    }
    const ana = await reader(seminar.students[0]!);
    await card(ana.page, 'The real instructor speaks.').waitFor();
    await card(ana.page, 'An impostor speaks.').waitFor();
    expect(await card(ana.page, 'The real instructor speaks.').locator('header .role-badge').textContent()).toBe('Instructor');
    expect(await card(ana.page, 'An impostor speaks.').locator('header .role-badge').count()).toBe(0);
    const readers = ana.page.getByRole('list', { name: 'Also reading now' }).getByRole('listitem');
    await expect.poll(() => readers.count()).toBe(2);
    expect((await readers.allTextContents()).sort()).toEqual([seminar.instructor.name, `${seminar.instructor.name}Instructor`]);
    for (const r of [teacher, copy, ana]) await r.context.close();
  });

  it('shows who else is reading, and their selection faintly', async () => {
    const a = await reader(seminar.students[0]!);
    const b = await reader(seminar.students[1]!);
    await b.page.getByRole('list', { name: 'Also reading now' }).getByText('Ana').waitFor();
    await select(a.page, 'Kim Il Sung passed');
    // Painted in Ana's colour, the one beside her name in the list.
    const color = await b.page.getByRole('list', { name: 'Also reading now' }).getByText('Ana').evaluate((li) => (li as HTMLElement).style.getPropertyValue('--presence'));
    await expect.poll(() => highlighted(b.page, `presence-${color.slice(1)}`)).toEqual(['Kim Il Sung passed']);
    expect(await b.page.locator('#presence-highlights').textContent()).toContain(`::highlight(presence-${color.slice(1)})`);
    await a.context.close();
    await b.page.getByRole('list', { name: 'Also reading now' }).waitFor({ state: 'detached' });
    await b.context.close();
  });

  it('a note’s permalink opens the document with its card focused', async () => {
    const a = await reader(seminar.students[0]!);
    await annotate(a.page, '22 September', 'Permalinked note.');
    const href = await card(a.page, 'Permalinked note.').getByRole('link', { name: 'Link' }).getAttribute('href');
    const b = await reader(seminar.students[1]!);
    await b.page.goto(h.app.baseUrl + href!);
    await b.page.locator('.note-card.focused').filter({ hasText: 'Permalinked note.' }).waitFor();
    expect((await highlighted(b.page, 'hl-focused')).join('')).toContain('22 September');
    await Promise.all([a.context.close(), b.context.close()]);
  });

  it('reloading the page’s data (on a first visit, for the time-zone cookie) leaves the reader where they scrolled', async () => {
    const path = await addSource('scrolled', numbered(80, 'Minute', 'The secretary read the resolution aloud and the members voted on it by a show of hands.'));
    // A browser with a session but no time-zone cookie yet: the reader loads its data again once it has set
    // one. That reload is held back here until the reader has scrolled down. (Without the offline shell's
    // worker: the page's routes do not see what a service worker fetches.)
    const b = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[1]!, { viewport: { width: 1280, height: 700 }, serviceWorkers: 'block' });
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await b.page.route(/\.data(\?|$)/, async (route) => {
      await released;
      await route.continue();
    });
    await b.page.goto(h.app.baseUrl + path);
    await b.page.locator('[data-sync="ready"]').waitFor();
    await b.page.locator('#b60').scrollIntoViewIfNeeded();
    const y = await b.page.evaluate(() => Math.round(scrollY));
    expect(y).toBeGreaterThan(2000);
    const reloaded = b.page.waitForResponse(/\.data(\?|$)/);
    release();
    await reloaded;
    // (React applies the data a few frames after it arrives; React Router 6 then scrolled back to the top.)
    await b.page.evaluate(() => new Promise((done) => { let frames = 10; const next = () => (--frames ? requestAnimationFrame(next) : done(null)); requestAnimationFrame(next); }));
    expect(await b.page.evaluate(() => Math.round(scrollY))).toBe(y);
    await b.context.close();
  });

  it('paints the class’s notes from the server before its rooms arrive, read-only until they do', async () => {
    const { context, page } = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[1]!);
    // The WebSockets open but never reach the server: the rooms never arrive.
    await context.routeWebSocket(/\/sync\//, () => {});
    await page.goto(h.app.baseUrl + readerPath);
    const preview = card(page, 'Who called this meeting?');
    await preview.waitFor();
    await expect.poll(() => highlighted(page, 'hl-class')).toContain('a meeting was held');
    expect(await preview.getByText(/\d+ repl(y|ies)/).count()).toBe(1);
    expect(await preview.getByRole('button', { name: 'Reply' }).count()).toBe(0); // nothing to change until the room is here
    expect(await page.locator('[data-sync="loading"]').count()).toBe(1); // (the rooms have not arrived)
    // Ana's "Only me" note is not in Ben's first paint either.
    expect(await card(page, 'My private hunch').count()).toBe(0);
    await context.close();
  });

  it('says the margin is loading until the class’s notes are known, then that there are none yet', async () => {
    const path = h.app.baseUrl + (await addSource('quiet', ['Nobody has written on this yet.']));
    const held = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[1]!);
    await held.context.routeWebSocket(/\/sync\//, () => {}); // the room never arrives
    await held.page.goto(path);
    await held.page.getByText('Loading notes…').waitFor();
    expect(await held.page.getByText('No notes yet').count()).toBe(0);
    const live = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[1]!);
    await live.page.goto(path);
    await live.page.getByText(/^No notes yet\./).waitFor();
    expect(await live.page.getByText('Loading notes…').count()).toBe(0);
    await Promise.all([held.context.close(), live.context.close()]);
  });

  it('on a long source, paints every highlight (not only those on screen) and sets each card beside its passage', async () => {
    const path = await addSource('long', numbered(120, 'Section', 'The committee heard the report and several members spoke against the motion at length.'));
    const a = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!, { viewport: { width: 1280, height: 700 } });
    await a.page.goto(h.app.baseUrl + path);
    await a.page.locator('[data-sync="ready"]').waitFor();
    await annotate(a.page, 'Section 3. The committee', 'Near the top.');
    await annotate(a.page, 'Section 118. The committee', 'Far below.');
    await card(a.page, 'Far below.').waitFor(); // (the reader is still down there)
    await a.context.close();

    // A fresh reader opened at the end (a deep link): the note at the top is painted too, far off screen.
    const b = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[1]!, { viewport: { width: 1280, height: 700 } });
    await b.page.goto(`${h.app.baseUrl}${path}#b118`);
    await expect.poll(() => highlighted(b.page, 'hl-class')).toEqual(['Section 3. The committee', 'Section 118. The committee']);
    const level = async (block: string, body: string) => {
      const passage = await b.page.locator(`${block} .block-text`).boundingBox();
      const placed = await card(b.page, body).boundingBox();
      return passage && placed ? Math.abs(placed.y - passage.y) : Infinity;
    };
    await expect.poll(() => level('#b118', 'Far below.')).toBeLessThan(30);
    // Scrolled up to the top — the paragraphs between laid out for the first time — that card is level too.
    await b.page.locator('#b3').scrollIntoViewIfNeeded();
    await expect.poll(() => level('#b3', 'Near the top.')).toBeLessThan(30);
    await b.context.close();
  });

  it('opened at a passage, has the cards on screen when the notes are first painted, and none overlap once placed', async () => {
    const path = await addSource('dense', numbered(60, 'Clause', 'The presidium debated the proposal and voted on each of its points in turn.'));
    const a = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!, { viewport: { width: 1280, height: 700 } });
    // (Each new note is focused, so its card is rendered wherever the margin's window is: once, that
    // sent the margin into an endless re-layout, caught by React and shown as "Something went wrong".)
    const errors: string[] = [];
    a.page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await a.page.goto(h.app.baseUrl + path);
    await a.page.locator('[data-sync="ready"]').waitFor();
    // Cards of different heights: the margin places unmeasured cards as tall as a typical one.
    const long = `A long note, ${'which goes on about the vote at some length, '.repeat(8)}the end.`;
    const bodies = ['Short.', long, 'Another short one.', long.replace('A long', 'A second long'), 'Last.'];
    for (const [i, body] of bodies.entries()) {
      await annotate(a.page, `Clause ${40 + i}. The presidium`, body);
      await card(a.page, body.slice(0, 20)).waitFor();
    }
    expect(errors).toEqual([]);
    await a.context.close();

    const b = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[1]!, { viewport: { width: 1280, height: 700 } });
    // The cards as they are in the frame the notes are first painted in (the mark is made as it begins).
    await b.context.addInitScript(`{
      const mark = performance.mark.bind(performance);
      performance.mark = (name, options) => {
        if (name === 'plenum:notes-painted') window.firstCards = [...document.querySelectorAll('.anchored-cards .note-card')].map((c) => [c.getBoundingClientRect().top, c.getBoundingClientRect().bottom]);
        return mark(name, options);
      };
    }`);
    await b.page.goto(`${h.app.baseUrl}${path}#b41`);
    await b.page.waitForFunction(() => performance.getEntriesByName('plenum:notes-painted').length > 0);
    const overlapping = (boxes: number[][]) => boxes.sort((x, y) => x[0]! - y[0]!).filter((box, i) => i > 0 && box[0]! < boxes[i - 1]![1]!).length;
    const first = await b.page.evaluate(() => (window as unknown as { firstCards: number[][] }).firstCards);
    expect(first.length).toBeGreaterThan(0);
    expect(overlapping(first)).toBe(0);
    // Once the screens around are placed too.
    const settled = () => b.page.evaluate(() => [...document.querySelectorAll('.anchored-cards .note-card')].map((c) => [c.getBoundingClientRect().top, c.getBoundingClientRect().bottom]));
    await expect.poll(async () => (await settled()).length).toBe(bodies.length);
    expect(overlapping(await settled())).toBe(0);
    // Each card at or below its passage (pushed down by those above it, never up).
    for (const [i, body] of bodies.entries()) {
      const passage = await b.page.locator(`#b${40 + i} .block-text`).boundingBox();
      const placed = await card(b.page, body.slice(0, 20)).boundingBox();
      expect(placed!.y).toBeGreaterThan(passage!.y - 30);
    }
    await b.context.close();
  });

  it('in a browser without the Custom Highlight API, says the text cannot be marked and still lists the notes', async () => {
    const a = await reader(seminar.students[0]!);
    // (A phrase no other test clicks: overlapping notes change which one a click on the text focuses.)
    await annotate(a.page, 'Today', 'Read without highlights.');
    await card(a.page, 'Read without highlights.').waitFor();
    await a.context.close();
    const { context, page } = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[1]!);
    await context.addInitScript(() => Object.assign(window, { Highlight: undefined }));
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(h.app.baseUrl + readerPath);
    await page.getByRole('note').filter({ hasText: 'This browser cannot mark passages in the text' }).waitFor();
    await card(page, 'Read without highlights.').waitFor();
    await page.locator('[data-sync="ready"]').waitFor();
    expect(errors).toEqual([]);
    await context.close();
    // Where the API exists, no such notice.
    const b = await reader(seminar.students[1]!);
    await card(b.page, 'Read without highlights.').waitFor();
    expect(await b.page.getByText('This browser cannot mark passages').count()).toBe(0);
    await b.context.close();
  });

  it('clicking a highlight focuses its note’s card', async () => {
    const b = await reader(seminar.students[1]!);
    await card(b.page, 'Who called this meeting?').waitFor();
    // The middle of the highlighted words, as the reader sees them.
    const point = (await highlightAt(b.page, 'a meeting was held'))!;
    await b.page.mouse.click(point.x, point.y);
    await b.page.locator('.note-card.focused').filter({ hasText: 'Who called this meeting?' }).waitFor();
    expect((await highlighted(b.page, 'hl-focused')).join('')).toBe('a meeting was held');
    await b.context.close();
  });
});

describe('on a phone', () => {
  /** On screen, and its middle not covered by anything (the notes panel, say). */
  const uncovered = (page: Page, selector: string, text: string) =>
    page.locator(selector).filter({ hasText: text }).first().evaluate((element) => {
      const box = element.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + Math.min(box.height / 2, 12));
      return box.top >= 0 && box.top < innerHeight && hit !== null && element.contains(hit);
    });
  const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

  it('the margin is a panel: writing, a permalink and a tapped highlight open it, the card in view and its passage above it', async () => {
    const path = await addSource('phone', numbered(60, 'Article', 'The plenum heard the delegation and resolved to reconsider the expulsions.'));
    const a = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!, phone);
    a.page.on('pageerror', (error) => {
      throw error;
    });
    await a.page.goto(h.app.baseUrl + path);
    await a.page.locator('[data-sync="ready"]').waitFor();
    expect(await a.page.locator('#margin-notes').isVisible()).toBe(false);
    // Annotate opens the panel with the editor (the editor is in the margin: once, nothing showed).
    // Long notes: the open panel is as tall as it gets, most of the screen.
    const more = 'the vote was taken again once the delegation had spoken, '.repeat(8);
    for (const [article, body] of [[12, `Twelfth, from a phone: ${more}`], [50, `Fiftieth, from a phone: ${more}`]] as const) {
      await select(a.page, `Article ${article}. The plenum`);
      await a.page.getByRole('button', { name: /Annotate/ }).click();
      await expect.poll(() => uncovered(a.page, 'textarea', '')).toBe(true);
      await a.page.getByLabel('Your note').fill(body);
      await a.page.getByRole('button', { name: 'Save note' }).click();
      await expect.poll(() => uncovered(a.page, '.note-card', body)).toBe(true);
      // (the second is written with the panel still open: the Annotate button is above it)
    }
    const href = await card(a.page, 'Fiftieth').getByRole('link', { name: 'Link' }).getAttribute('href');
    await a.context.close();

    // A classmate follows the permalink: the panel is open on the card, the passage above it.
    const b = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[1]!, phone);
    await b.page.goto(h.app.baseUrl + href!);
    await b.page.locator('.note-card.focused').filter({ hasText: 'Fiftieth' }).waitFor();
    await expect.poll(() => uncovered(b.page, '.note-card', 'Fiftieth')).toBe(true);
    await expect.poll(async () => (await highlightAt(b.page, 'Article 50. The plenum'))?.uncovered).toBe(true);

    // Closed, scrolled up to another note's passage, and tapped: its card, in view.
    await b.page.getByRole('button', { name: 'Close notes' }).click();
    await b.page.locator('#margin-notes').waitFor({ state: 'hidden' });
    await b.page.locator('#b12').scrollIntoViewIfNeeded();
    const point = (await highlightAt(b.page, 'Article 12. The plenum'))!;
    await b.page.touchscreen.tap(point.x, point.y);
    await b.page.locator('.note-card.focused').filter({ hasText: 'Twelfth' }).waitFor();
    await expect.poll(() => uncovered(b.page, '.note-card', 'Twelfth')).toBe(true);
    await expect.poll(async () => (await highlightAt(b.page, 'Article 12. The plenum'))?.uncovered).toBe(true);
    // Open, the panel ends where its toggle begins: no card text is ever under the button.
    await expect
      .poll(() => b.page.evaluate(() => document.querySelector('#margin-notes')!.getBoundingClientRect().bottom - document.querySelector('.notes-toggle')!.getBoundingClientRect().top))
      .toBeLessThanOrEqual(0.5);
    await b.context.close();
  });
});

describe('filters and sort', () => {
  const STEP = 20_000;
  it('filters by tag and author, and lists newest first', async () => {
    const a = await reader(seminar.students[0]!);
    const b = await reader(seminar.students[1]!);
    await select(b.page, 'Cde.');
    await b.page.getByRole('button', { name: /Annotate/ }).click();
    await b.page.getByLabel('Your note').fill('Ben on comradeship.');
    await b.page.getByLabel('Tags').fill('comrades');
    await b.page.getByRole('button', { name: 'Save note' }).click();
    // (Waited for through the filter: the margin renders only the cards near the screen, and this
    // source's first paragraphs carry the notes of every test before this one.)
    await a.page.getByText('Filter and sort').click();
    await expect.poll(() => a.page.getByLabel('Tag', { exact: true }).locator('option[value="comrades"]').count(), { timeout: STEP }).toBe(1);
    await a.page.getByLabel('Tag', { exact: true }).selectOption('comrades');
    await card(a.page, 'Ben on comradeship.').waitFor({ timeout: STEP });
    expect(await a.page.locator('.note-card').count()).toBe(1);
    const total = await a.page.locator('.filters').evaluate((el) => Number(/of (\d+)\)/.exec(el.querySelector('summary')!.textContent!)![1]));
    await a.page.getByRole('status').filter({ hasText: `1 of ${total} notes match.` }).waitFor({ timeout: STEP });
    await a.page.getByLabel('Tag', { exact: true }).selectOption('');
    // Free text, over notes, replies and names; the matches can be stepped through.
    await a.page.getByLabel('Find in notes').fill('COMRADESHIP ben');
    await a.page.getByRole('status').filter({ hasText: `1 of ${total} notes match.` }).waitFor({ timeout: STEP });
    await a.page.getByRole('button', { name: 'Next match' }).click();
    await expect.poll(() => a.page.locator('.note-card.focused').textContent(), { timeout: STEP }).toContain('Ben on comradeship.');
    await a.page.getByLabel('Find in notes').fill('nothing like this anywhere');
    await a.page.getByRole('status').filter({ hasText: 'No notes match.' }).waitFor({ timeout: STEP });
    expect(await a.page.locator('.note-card').count()).toBe(0);
    await a.page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => a.page.locator('.note-card').count(), { timeout: STEP }).toBeGreaterThan(1);
    await a.page.getByLabel('Tag', { exact: true }).selectOption('');
    await a.page.getByLabel('Author', { exact: true }).selectOption({ label: 'Ana' });
    expect(await card(a.page, 'Ben on comradeship.').count()).toBe(0);
    await a.page.getByLabel('Author', { exact: true }).selectOption('');
    await a.page.getByLabel('Sort', { exact: true }).selectOption('time');
    // (Read in the page, which answers once its main thread is free: under a loaded CI, a locator's look
    // with its own short timeout kept giving up while the margin re-rendered a long source's notes.)
    await expect
      .poll(
        () =>
          a.page.evaluate(
            // (What the margin holds instead, if no card: read in the failure, should this ever time out.)
            () => document.querySelector('.anchored-cards .note-card')?.textContent ?? `no card placed; ${document.querySelectorAll('.note-card').length} cards in all; filters “${document.querySelector('.filters summary')?.textContent}”; ${location.href}`,
          ),
        { timeout: STEP },
      )
      .toContain('Ben on comradeship.');
    await Promise.all([a.context.close(), b.context.close()]);
    // (Each step may take STEP under a loaded CI; a step that hangs names itself instead of the test timing out.)
  }, 90_000);
});

describe('accessibility', () => {
  it('signing out forgets this browser’s copies of my rooms (a shared computer keeps nothing)', async () => {
    // A member of their own: signing out ends the session the other tests' readers use.
    const cleo = await createMember('Cleo');
    await joinCourse({ courseId: seminar.course.id, userId: cleo.id });
    const a = await reader(cleo);
    await annotate(a.page, 'Kim Il Sung', 'Kept in this browser until I sign out.');
    const copies = () => a.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('plenum:')));
    expect((await copies()).length).toBeGreaterThan(0);
    // …and the pages the offline shell kept.
    await a.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await a.page.reload();
    const keptPages = () => a.page.evaluate(async () => (await caches.has('plenum-pages-v1')) ? (await (await caches.open('plenum-pages-v1')).keys()).length : 0);
    await expect.poll(keptPages).toBeGreaterThan(0);
    await a.page.getByRole('button', { name: 'Sign out' }).click();
    await a.page.waitForURL(/\/signin/);
    expect(await copies()).toEqual([]);
    expect(await keptPages()).toBe(0);
    await a.context.close();
  });

  it('a note being written survives a reload: the editor reopens on its passage with the text', async () => {
    const a = await reader(seminar.students[0]!);
    await select(a.page, 'Today');
    await a.page.getByRole('button', { name: /Annotate/ }).click();
    const editor = a.page.getByRole('form', { name: 'Note editor' });
    await editor.getByLabel('Your note').fill('Half-written, then the laptop restarted');
    await editor.getByLabel('Tags').fill('factions');
    await editor.getByLabel('Only me', { exact: true }).check();
    await a.page.reload();
    await expect.poll(() => editor.getByLabel('Your note').inputValue()).toBe('Half-written, then the laptop restarted');
    expect(await editor.locator('.editor-quote').textContent()).toBe('Today');
    expect(await editor.getByLabel('Tags').inputValue()).toBe('factions');
    expect(await editor.getByLabel('Only me', { exact: true }).isChecked()).toBe(true);
    await editor.getByRole('button', { name: 'Save note' }).click();
    await card(a.page, 'Half-written').waitFor();
    await a.page.reload();
    await a.page.locator('[data-sync="ready"]').first().waitFor();
    await card(a.page, 'Half-written').waitFor();
    expect(await editor.count()).toBe(0); // saved: nothing kept
    await a.context.close();
  });

  it('axe finds no serious or critical violation on the reader with notes open', async () => {
    const a = await reader(seminar.students[0]!);
    await annotate(a.page, 'passed us the draft', 'A note for the *accessibility* check. [source](https://example.org)');
    await card(a.page, 'A note for the').getByRole('button', { name: 'Reply' }).click();
    expect(await seriousViolations(a.page)).toEqual([]);
    await a.context.close();
  });
});
