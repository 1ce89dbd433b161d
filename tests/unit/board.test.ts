import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { markMentions, mentionedMembers } from '~/lib/board/mentions';
import { renderMarkdown } from '~/lib/markdown';
import { deletePost, setThreadSettings, threadsOf, writePost, type PostEntry } from '~/lib/board/model';

const members = [
  { id: 'm', name: 'Mira Chen' },
  { id: 'j', name: 'Jonas Weber' },
  { id: 'j2', name: 'Jonas Park' },
  { id: 's', name: 'Sun-hee Park' },
];

describe('mentions', () => {
  it('marks mentions in a rendered post, never inside a link or an address', () => {
    const html = markMentions(renderMarkdown('Ask @Mira, or @jonas weber. [@Mira’s page](https://example.org/@Mira) mail mira@plenum.test'), members);
    expect(html.match(/<mark class="mention">[^<]*<\/mark>/g)).toEqual(['<mark class="mention">@Mira</mark>', '<mark class="mention">@jonas weber</mark>']);
    expect(html).toContain('href="https://example.org/@Mira"');
  });

  it('finds full names and unambiguous first names, regardless of case, at word boundaries', () => {
    expect(mentionedMembers('What do you think, @mira?', members).map((m) => m.id)).toEqual(['m']);
    expect(mentionedMembers('@Jonas Weber and @Sun-hee Park', members).map((m) => m.id).sort()).toEqual(['j', 's']);
    expect(mentionedMembers('@Jonas alone is ambiguous', members)).toEqual([]);
    expect(mentionedMembers('mail mira@plenum.test or @Miranda', members)).toEqual([]);
  });
});

const post = (id: string, extra: Partial<PostEntry> = {}): PostEntry => ({
  id, kind: 'thread', title: `Thread ${id}`, body: '', threadId: null, threadAuthorId: null, parentId: null, parentAuthorId: null,
  link: null, createdAt: 1000, updatedAt: 1000, deleted: false, ...extra,
});
const reply = (id: string, thread: string, createdAt: number, parent = thread) =>
  post(id, { kind: 'reply', title: '', threadId: thread, threadAuthorId: 'a', parentId: parent, parentAuthorId: 'a', createdAt, updatedAt: createdAt });

describe('threads', () => {
  it('orders pinned threads first, then by latest activity, and keeps deleted posts as placeholders', () => {
    const doc = new Y.Doc();
    writePost(doc, 'a', post('t1', { createdAt: 1000 }));
    writePost(doc, 'a', post('t2', { createdAt: 2000 }));
    writePost(doc, 'b', reply('r1', 't1', 3000));
    expect(threadsOf(doc).map((t) => t.thread.id)).toEqual(['t1', 't2']);
    setThreadSettings(doc, 'a:t2', { pinned: true, locked: false, by: 'i' });
    expect(threadsOf(doc).map((t) => t.thread.id)).toEqual(['t2', 't1']);
    deletePost(doc, 'a', post('t1'));
    const t1 = threadsOf(doc).find((t) => t.thread.id === 't1')!;
    expect(t1.thread).toMatchObject({ deleted: true, body: '' });
    expect(t1.replies.map((r) => r.id)).toEqual(['r1']);
  });

  it('leaves out replies written after a thread was locked', () => {
    const doc = new Y.Doc();
    writePost(doc, 'a', post('t1'));
    writePost(doc, 'b', reply('before', 't1', Date.now() - 60_000));
    setThreadSettings(doc, 'a:t1', { pinned: false, locked: true, by: 'i' });
    writePost(doc, 'b', reply('after', 't1', Date.now() + 60_000));
    expect(threadsOf(doc)[0]!.replies.map((r) => r.id)).toEqual(['before']);
  });
});
