import { describe, expect, it } from "vitest";
import { Follows } from "./follows";

describe("Follows", () => {
  it("watches for a list, subscribes once a screen opens it, and goes back to watching when it closes", () => {
    const follows = new Follows();
    expect(follows.add("a", false)).toEqual(["watch", "a"]);
    expect(follows.add("a", true)).toEqual(["subscribe", "a"]);
    expect(follows.add("a", true)).toBeNull();
    expect(follows.remove("a", true)).toBeNull();
    expect(follows.remove("a", true)).toEqual(["watch", "a"]);
    expect(follows.remove("a", false)).toEqual(["unsubscribe", "a"]);
    expect(follows.replay()).toEqual([]);
  });

  it("keeps the subscription while the editor stays after the list leaves", () => {
    const follows = new Follows();
    expect(follows.add("a", true)).toEqual(["subscribe", "a"]);
    expect(follows.add("a", false)).toBeNull();
    expect(follows.remove("a", false)).toBeNull();
    expect(follows.replay()).toEqual([["subscribe", "a"]]);
    expect(follows.remove("a", true)).toEqual(["unsubscribe", "a"]);
  });

  it("replays each followed appointment the way it is followed, and ignores a stop of what it never followed", () => {
    const follows = new Follows();
    follows.add("a", false);
    follows.add("b", true);
    expect(follows.remove("c", true)).toBeNull();
    expect(follows.replay()).toEqual([["watch", "a"], ["subscribe", "b"]]);
  });
});
