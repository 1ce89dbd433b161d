import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../db/sql';
import { joinCourse } from '../../db/queries/courses';
import { createMember, createSeminar, type TestMember } from '../helpers/fixtures';
import { e2eHarness, openSignedIn, selectPhrase, seriousViolations } from './browser';

const h = e2eHarness();
let seminar: Awaited<ReturnType<typeof createSeminar>>;
let course: string;

beforeAll(async () => {
  seminar = await createSeminar(['Ana', 'Ben']);
  course = `/c/${seminar.course.id}`;
});

async function open(member: TestMember, path: string) {
  const { page } = await openSignedIn(h.browser, h.app.baseUrl, member, { viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(h.app.baseUrl + path);
  return page;
}

/** Selects `phrase` in the reader's text, as a mouse drag would, once the reader is live. */
async function select(page: Page, phrase: string) {
  await page.locator('[data-sync="ready"]').waitFor();
  await selectPhrase(page, phrase);
}

/** Selects `phrase` in the reader's text and writes a class note on it. */
async function annotate(page: Page, phrase: string, body: string) {
  await select(page, phrase);
  await page.getByRole('button', { name: /Annotate/ }).click();
  await page.getByLabel('Your note').fill(body);
  await page.getByRole('button', { name: 'Save note' }).click();
  await page.locator('.note-card').filter({ hasText: body }).waitFor();
}

describe('a week of the seminar', () => {
  it('the instructor sets a reading; a student annotates the focus passage, replies, submits; the dashboard shows it complete', async () => {
    const [ana, ben] = seminar.students;
    // Ben has written a note Ana will answer.
    const benReader = await open(ben!, `${course}/d/${seminar.documentId}`);
    await annotate(benReader, 'a meeting was held', 'Who asked for this meeting?');

    const teacher = await open(seminar.instructor, `${course}/assignments/new`);
    await teacher.getByLabel('Title').fill('The September meeting');
    await teacher.getByLabel('Prompt').fill('Who **moved first** in September, and why?');
    await teacher.getByRole('checkbox', { name: /Cable/ }).check();
    await teacher.getByLabel('Focus paragraphs in Cable').fill('2');
    await teacher.getByLabel('Minimum notes').fill('1');
    await teacher.getByLabel('Minimum replies to classmates').fill('1');
    await teacher.getByLabel('A written response').check();
    await teacher.getByLabel('Minimum words in the response').fill('5');
    await teacher.getByRole('button', { name: 'Publish' }).click();
    await teacher.getByRole('heading', { name: 'The September meeting' }).waitFor();

    // Ana sees it, with its status, and opens it.
    const list = await open(ana!, `${course}/assignments`);
    const item = list.locator('.assignment-item').filter({ hasText: 'The September meeting' });
    await item.getByText('Not started').waitFor();
    await item.getByRole('link', { name: 'The September meeting' }).click();
    await list.getByText('moved first').waitFor();
    await list.locator('[data-requirement="Notes on these sources"]').getByText('0 of 1').waitFor();
    // The page records (with a POST of its own) which revision of the assignment she has seen.
    await expect.poll(async () => (await sql`SELECT seen_revision FROM submissions WHERE user_id = ${ana!.id}`)[0]?.seen_revision).toBe(1);

    // In another tab she reads the source from the assignment: the focus passage is marked.
    const reader = await open(ana!, `${course}/assignments`);
    await reader.goto(h.app.baseUrl + (await list.getByRole('link', { name: 'Cable' }).getAttribute('href'))!);
    await reader.locator('#b2[data-focus]').waitFor();
    expect(await reader.locator('[data-focus]').count()).toBe(1);
    await annotate(reader, 'passed us the draft', 'The draft was Kim’s concession.');
    // …and her counter on the assignment tab moves without a reload.
    await list.locator('[data-requirement="Notes on these sources"]').getByText('1 of 1').waitFor();

    const benCard = reader.locator('.note-card').filter({ hasText: 'Who asked for this meeting?' });
    await benCard.getByRole('button', { name: 'Reply' }).click();
    await reader.getByPlaceholder('Reply…').fill('Mikoyan and Peng Dehuai did.');
    await reader.getByRole('button', { name: 'Send reply' }).click();
    await list.locator('[data-requirement="Replies to classmates’ notes"]').getByText('1 of 1').waitFor();

    // The response: autosaved, refused while short, then submitted.
    const response = list.getByRole('textbox', { name: 'Your response' });
    await response.fill('Kim gave in.');
    await list.getByTestId('save-state').getByText(/^Saved/).waitFor();
    await list.getByRole('button', { name: 'Submit response' }).click();
    // It cannot be undone: asked first, with what is short.
    const asked = list.getByRole('dialog', { name: 'Submit your response?' });
    await asked.getByText('3 words, fewer than the 5 asked for').waitFor();
    await asked.getByRole('button', { name: 'Cancel' }).click();
    expect(await list.getByText(/^Submitted/).count()).toBe(0);
    await list.getByRole('button', { name: 'Submit response' }).click();
    await asked.getByRole('button', { name: 'Submit' }).click();
    await list.getByText('The response has 3 words; this assignment asks for at least 5.').waitFor();
    await response.fill('Kim gave in, under Soviet and Chinese pressure.');
    await list.getByRole('button', { name: 'Submit response' }).click();
    await asked.getByRole('button', { name: 'Submit' }).click();
    await list.getByText(/^Submitted/).waitFor();
    await list.locator('.page-head .badge').getByText('Complete').waitFor();

    await teacher.goto(`${h.app.baseUrl}${new URL(teacher.url()).pathname}/dashboard`);
    const row = teacher.locator('tr[data-student="Ana"]');
    await row.getByText('Complete').waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(['Complete', '1', '1', '8', expect.stringMatching(/\d{2}:\d{2}/)]);
    // Ben wrote a note (perhaps in the minute the assignment opened) but no reply: not complete.
    expect(await teacher.locator('tr[data-student="Ben"] .badge').textContent()).toMatch(/Not started|In progress/);
    // The heat strip shows where the notes fall: Ana's on ¶ 2 among them.
    await teacher.locator('.heat-top').getByText('¶ 2').waitFor();
  });

  it('a board thread that mentions a student rings their bell live, and opens the thread', async () => {
    const [ana, ben] = seminar.students;
    const benPage = await open(ben!, `${course}/assignments`);
    const bell = benPage.getByRole('button', { name: /Notifications, \d+ unread/ });
    const before = Number((await bell.getAttribute('aria-label'))!.match(/(\d+) unread/)![1]);

    const anaBoard = await open(ana!, `${course}/board`);
    await anaBoard.getByRole('button', { name: 'New thread' }).click();
    await anaBoard.getByLabel('Title').fill('Did Mikoyan save Kim?');
    await anaBoard.getByPlaceholder(/What do you want to discuss/).fill('What do you think, @Be');
    await anaBoard.getByRole('button', { name: '@Ben' }).click();
    await anaBoard.getByLabel('About').selectOption({ label: 'Cable' });
    await anaBoard.getByRole('button', { name: 'Post thread' }).click();
    // Posting opens the new thread, its mention marked.
    await anaBoard.getByRole('heading', { name: 'Did Mikoyan save Kim?' }).waitFor();
    expect(await anaBoard.locator('.post-body mark.mention').textContent()).toBe('@Ben');

    await benPage.getByRole('button', { name: `Notifications, ${before + 1} unread` }).waitFor();
    await bell.click();
    await benPage.getByRole('link', { name: /Ana mentioned you in “Did Mikoyan save Kim\?”/ }).click();
    await benPage.getByRole('heading', { name: 'Did Mikoyan save Kim?' }).waitFor();
    await benPage.getByText('What do you think, @Ben').waitFor();
    await benPage.getByRole('button', { name: `Notifications, ${before} unread` }).waitFor();

    // Ben answers; Ana sees it appear in the thread live.
    await benPage.getByLabel('Reply to the thread').fill('He made Kim take the purged back.');
    await benPage.getByRole('button', { name: 'Reply', exact: true }).last().click();
    await anaBoard.getByText('He made Kim take the purged back.').waitFor();
    expect(await seriousViolations(anaBoard)).toEqual([]);
  });

  it('a note can be taken to the board: the new thread is about it, and links back to it', async () => {
    const [ana] = seminar.students;
    const reader = await open(ana!, `${course}/d/${seminar.documentId}`);
    await reader.locator('[data-sync="ready"]').waitFor();
    const noteCard = reader.locator('.note-card').filter({ hasText: 'The draft was Kim’s concession.' });
    await noteCard.getByRole('link', { name: 'Discuss' }).click();
    await reader.getByRole('form', { name: 'New thread' }).waitFor();
    expect(await reader.getByLabel('About').locator('option:checked').textContent()).toBe('Ana’s note on “passed us the draft”');
    await reader.getByLabel('Title').fill('Was it a concession?');
    await reader.getByRole('button', { name: 'Post thread' }).click();
    await reader.getByRole('heading', { name: 'Was it a concession?' }).waitFor();
    await reader.getByRole('link', { name: 'Ana’s note on “passed us the draft”' }).click();
    await reader.waitForURL(/\/d\/.*\?note=/);
    await reader.locator('.note-card.focused').filter({ hasText: 'The draft was Kim’s concession.' }).waitFor();

    // A passage, too: select it, Discuss.
    await select(reader, 'Today, 22 September');
    await reader.locator('.selection-tools').getByRole('link', { name: 'Discuss' }).click();
    await reader.getByRole('form', { name: 'New thread' }).waitFor();
    expect(await reader.getByLabel('About').locator('option:checked').textContent()).toBe('¶ 1: “Today, 22 September”');
  });

  it('what a member is writing on the board survives a reload, and signing out forgets it', async () => {
    // A member of their own: signing out ends the session the other tests use.
    const cleo = await createMember('Cleo');
    await joinCourse({ courseId: seminar.course.id, userId: cleo.id });
    const board = await open(cleo, `${course}/board`);
    await board.getByRole('button', { name: 'New thread' }).click();
    await board.getByLabel('Title').fill('Half a thought');
    await board.getByPlaceholder(/What do you want to discuss/).fill('Molotov and Pak Chang-ok both');
    await board.reload();
    // The composer is open again with both fields as they were.
    await expect.poll(() => board.getByLabel('Title').inputValue()).toBe('Half a thought');
    expect(await board.getByPlaceholder(/What do you want to discuss/).inputValue()).toBe('Molotov and Pak Chang-ok both');
    await board.getByRole('button', { name: 'Post thread' }).click();
    await board.getByRole('heading', { name: 'Half a thought' }).waitFor();
    await board.reload();
    expect(await board.getByRole('form', { name: 'New thread' }).count()).toBe(0); // posted: no draft left

    await board.getByLabel('Reply to the thread').fill('And both appealed to an outside patron.');
    await board.reload();
    await expect.poll(() => board.getByLabel('Reply to the thread').inputValue()).toBe('And both appealed to an outside patron.');

    const kept = () => board.evaluate((prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)), `plenum:${cleo.id}:`);
    expect((await kept()).length).toBe(1);
    await board.getByRole('button', { name: 'Sign out' }).click();
    await board.waitForURL(/\/signin/);
    expect(await kept()).toEqual([]);
  });

  it('a response typed while offline is kept in the browser and saved when the page is back online', async () => {
    const [, ben] = seminar.students;
    const list = await open(ben!, `${course}/assignments`);
    await list.getByRole('link', { name: 'The September meeting' }).click();
    const response = list.getByRole('textbox', { name: 'Your response' });
    await response.waitFor();
    await list.context().setOffline(true);
    await response.fill('Written on a train, without a connection.');
    await list.getByTestId('save-state').getByText(/^Offline/).waitFor();
    // The tab closes before the connection returns; the next visit finds the text and saves it.
    const context = list.context();
    await list.close();
    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(`${h.app.baseUrl}${course}/assignments`);
    await again.getByRole('link', { name: 'The September meeting' }).click();
    await again.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('textarea#response')?.value === 'Written on a train, without a connection.');
    await again.getByTestId('save-state').getByText(/^Saved/).waitFor();
    const [row] = await sql`SELECT response FROM submissions WHERE user_id = ${ben!.id}`;
    expect(row!.response).toBe('Written on a train, without a connection.');
  });

  it('axe finds no serious or critical violation on the assignment, dashboard and notification pages', async () => {
    const teacher = await open(seminar.instructor, `${course}/assignments`);
    await teacher.getByRole('link', { name: 'The September meeting' }).click();
    await teacher.getByRole('heading', { name: 'The September meeting' }).waitFor();
    expect(await seriousViolations(teacher)).toEqual([]);
    await teacher.getByRole('link', { name: 'Dashboard' }).click();
    await teacher.getByRole('heading', { name: /^Dashboard/ }).waitFor();
    expect(await seriousViolations(teacher)).toEqual([]);
    // The heat view of the reader: its shaded ¶ numbers must stay readable (they were 2.45:1).
    await teacher.locator('.heat a.small-link').first().click();
    await teacher.locator('.block[data-heat]').first().waitFor();
    expect(await seriousViolations(teacher)).toEqual([]);
    await teacher.goto(`${h.app.baseUrl}${course}/members`);
    expect(await teacher.getByRole('heading', { level: 1 }).count()).toBe(1);
    await teacher.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.app.baseUrl });
    await teacher.getByRole('button', { name: 'Copy link' }).click();
    await teacher.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
    expect(await teacher.evaluate(() => navigator.clipboard.readText())).toBe(await teacher.locator('.join-link').textContent());
    expect(await seriousViolations(teacher)).toEqual([]);
    const student = await open(seminar.students[1]!, `${course}/notifications`);
    expect(await seriousViolations(student)).toEqual([]);
    // The board's list, with unread threads marked (the marker's label was a prohibited ARIA attribute).
    await student.goto(`${h.app.baseUrl}${course}/board`);
    await student.locator('.thread-list li.unread').first().waitFor();
    expect(await seriousViolations(student)).toEqual([]);
    await student.goto(`${h.app.baseUrl}${course}/assignments/new`);
    expect(await student.getByRole('heading', { name: 'Not allowed' }).count()).toBe(1);
  });
});
