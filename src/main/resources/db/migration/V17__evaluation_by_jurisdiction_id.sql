-- A rejudgement walks a jurisdiction's evaluations in id order, a page at a time
-- (cn.lantian.store.EvaluationStore.pageAfter). With only (jurisdiction, inspected_at) to go by, each page read
-- and sorted every evaluation of the jurisdiction: 100,000 stored inspections were rejudged at 33 a second.
-- With this index a page is the next rows of the index, read in order (docs/performance.md).
create index evaluation_by_jurisdiction_id on evaluation (jurisdiction, id);
