/** The course bar's search field: `/` anywhere outside a text field puts the keyboard in it. */
import { Form } from '@remix-run/react';
import { useEffect, useRef } from 'react';

export function CourseSearch({ courseId }: { courseId: string }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <Form method="get" action={`/c/${courseId}/search`} role="search" className="course-search">
      <label className="visually-hidden" htmlFor="course-search">
        Search this course
      </label>
      <input ref={input} id="course-search" name="q" type="search" placeholder="Search" aria-keyshortcuts="/" maxLength={400} autoComplete="off" />
      <kbd className="course-search-key" aria-hidden="true">
        /
      </kbd>
    </Form>
  );
}
