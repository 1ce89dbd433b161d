/** The margin's "Filter and sort": find in notes, tag, author, visibility, sort, and moving between matches. */
import type { Visibility } from '~/lib/notes/visibility';
import type { NoteFilters, NoteSort } from './use-note-filters';

export function MarginFilters({ filters, total, isInstructor, onJump }: { filters: NoteFilters; total: number; isInstructor: boolean; onJump(step: 1 | -1): void }) {
  const { values, set, matches, filtering } = filters;
  return (
    <details className="filters">
      <summary>Filter and sort{filtering ? ` (${matches.length} of ${total})` : ''}</summary>
      <label>
        Find in notes{' '}
        <input type="search" aria-label="Find in notes" value={values.text} onChange={(e) => set.text(e.target.value)} placeholder="words in a note, a reply, a name" />
      </label>
      <label>
        Tag{' '}
        <select aria-label="Tag" value={values.tag} onChange={(e) => set.tag(e.target.value)}>
          <option value="">All</option>
          {filters.tags.map((t) => (
            <option key={t} value={t}>
              #{t}
            </option>
          ))}
        </select>
      </label>
      <label>
        Author{' '}
        <select aria-label="Author" value={values.author} onChange={(e) => set.author(e.target.value)}>
          <option value="">All</option>
          {filters.authors.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Visibility{' '}
        <select aria-label="Visibility" value={values.visibility} onChange={(e) => set.visibility(e.target.value as Visibility | '')}>
          <option value="">All</option>
          <option value="class">Class</option>
          <option value="private">Only me</option>
          {isInstructor ? <option value="staff">Instructors</option> : null}
        </select>
      </label>
      <label>
        Sort{' '}
        <select aria-label="Sort" value={values.sort} onChange={(e) => set.sort(e.target.value as NoteSort)}>
          <option value="position">By position</option>
          <option value="time">Newest first</option>
        </select>
      </label>
      {filtering ? (
        <p className="filter-result" role="status">
          {matches.length === 0 ? 'No notes match.' : `${matches.length} of ${total} notes match.`}{' '}
          {matches.length > 0 ? (
            <>
              <button type="button" className="link-button" onClick={() => onJump(-1)}>
                Previous
              </button>{' '}
              <button type="button" className="link-button" onClick={() => onJump(1)}>
                Next match
              </button>{' '}
            </>
          ) : null}
          <button type="button" className="link-button" onClick={filters.clear}>
            Clear filters
          </button>
        </p>
      ) : null}
    </details>
  );
}
