// The extraction code, loaded by the preview only when something must be
// derived: it is most of a cold start, and a preview that reads up-to-date
// datasets never needs it.
export type Extraction = typeof import('../datasets/derive.ts') &
  Pick<typeof import('../datasets/review.ts'), 'applyReview' | 'parseReview'> &
  Pick<typeof import('../extract/reactions.ts'), 'extractReactions'> &
  Pick<typeof import('../extract/gazetteer.ts'), 'withHome'> &
  Pick<typeof import('../project/derive.ts'), 'loadGazetteer' | 'loadReview' | 'reviewDiagnostics'>;

let loading: Promise<Extraction> | undefined;

export function loadExtraction(): Promise<Extraction> {
  loading ??= Promise.all([
    import('../datasets/derive.ts'),
    import('../datasets/review.ts'),
    import('../extract/reactions.ts'),
    import('../project/derive.ts'),
    import('../extract/gazetteer.ts'),
  ]).then(([derive, review, reactions, project, gazetteer]) => ({
    ...derive,
    applyReview: review.applyReview,
    parseReview: review.parseReview,
    extractReactions: reactions.extractReactions,
    withHome: gazetteer.withHome,
    loadGazetteer: project.loadGazetteer,
    loadReview: project.loadReview,
    reviewDiagnostics: project.reviewDiagnostics,
  }));
  return loading;
}
