export { composeSummary, completionText, UNREPORTED_LABEL, type Summary, type SummaryInput, type SummaryGoalInput, type SummaryRow, type SummarySection, type PreviousYearInput, type ExplanationSource } from "./compose";
export { narrative, narrativeParagraphs, asOfPhrase, type NarrativeKind } from "./narrative";
export { matchPreviousYear, metricKey, type GoalForMatching } from "./previous-year";
