export { composeSummary, completionText, UNREPORTED_LABEL, type Summary, type SummaryInput, type SummaryGoalInput, type SummaryRow, type SummarySection } from "./compose";
export { narrative, narrativeParagraphs, asOfPhrase, type NarrativeKind } from "./narrative";
