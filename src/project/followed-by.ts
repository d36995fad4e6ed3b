/** The items of `first`, then those of `then`, each time they are read (an iterable read twice reads both again). */
export function followedBy<T>(first: Iterable<T>, then: Iterable<T>): Iterable<T> {
  return {
    *[Symbol.iterator]() {
      yield* first;
      yield* then;
    },
  };
}
