import { describe, expect, it } from "vitest";
import { spotlitPassage } from "~/lib/seminar/model";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const memo = {
  id: A,
  version: 2,
  text: "The Presidium met on 18 June. Khrushchev refused to resign.",
};
const cable = {
  id: B,
  version: 1,
  text: "Today, 22 September, a meeting was held.",
};

describe("where a spotlight is marked", () => {
  it("marks a passage at its offsets on its version, by its quote on another, and nowhere on another source", () => {
    const target = {
      type: "passage" as const,
      documentId: A,
      version: 2,
      start: 30,
      end: 40,
      quote: "Khrushchev",
    };
    expect(spotlitPassage(target, memo)).toEqual({ start: 30, end: 40 });
    expect(
      spotlitPassage({ ...target, version: 1, start: 0, end: 10 }, memo)
    ).toEqual({ start: 30, end: 40 });
    expect(spotlitPassage(target, cable)).toBeNull();
    expect(
      spotlitPassage({ ...target, quote: "Malenkov", version: 1 }, memo)
    ).toBeNull();
  });

  it("marks an evidence link on whichever of its two passages the source holds", () => {
    const link = {
      type: "link" as const,
      key: "k",
      quote: "Khrushchev ↔ a meeting was held",
      ends: [
        { documentId: A, version: 2, start: 30, end: 40, quote: "Khrushchev" },
        {
          documentId: B,
          version: 1,
          start: 21,
          end: 39,
          quote: "a meeting was held",
        },
      ],
    };
    expect(spotlitPassage(link, memo)).toEqual({ start: 30, end: 40 });
    expect(spotlitPassage(link, cable)).toEqual({ start: 21, end: 39 });
    expect(
      spotlitPassage({ ...link, ends: [link.ends[0]!] }, cable)
    ).toBeNull();
  });
});
