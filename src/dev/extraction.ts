// The extraction code, loaded by the preview only when something must be
// derived: it is most of a cold start, and a preview that reads up-to-date
// datasets never needs it.
// Type-only imports: erased, they load nothing.
import type * as DatasetsDerive from '../datasets/derive.ts';
import type * as Review from '../datasets/review.ts';
import type * as ReviewApply from '../datasets/review-apply.ts';
import type * as Reactions from '../extract/reactions.ts';
import type * as GazetteerModule from '../extract/gazetteer.ts';
import type * as Prepare from '../datasets/prepare.ts';
import type * as ProjectDerive from '../project/derive.ts';

export type Extraction = typeof DatasetsDerive &
  Pick<typeof Review, 'parseReview'> &
  Pick<typeof ReviewApply, 'applyReview'> &
  Pick<typeof Reactions, 'extractReactions'> &
  Pick<typeof GazetteerModule, 'withHome'> &
  Pick<typeof ProjectDerive, 'loadGazetteer' | 'loadReview'> &
  Pick<typeof Prepare, 'prepareArticle'>;

let loading: Promise<Extraction> | undefined;

export function loadExtraction(): Promise<Extraction> {
  loading ??= Promise.all([
    import('../datasets/derive.ts'),
    import('../datasets/review.ts'),
    import('../extract/reactions.ts'),
    import('../project/derive.ts'),
    import('../extract/gazetteer.ts'),
    import('../datasets/review-apply.ts'),
    import('../datasets/prepare.ts'),
  ]).then(([derive, review, reactions, project, gazetteer, reviewApply, prepare]) => ({
    ...derive,
    applyReview: reviewApply.applyReview,
    parseReview: review.parseReview,
    extractReactions: reactions.extractReactions,
    withHome: gazetteer.withHome,
    loadGazetteer: project.loadGazetteer,
    loadReview: project.loadReview,
    prepareArticle: prepare.prepareArticle,
  }));
  return loading;
}
