namespace Plenary.Features.Reports;

/// <summary>A deadline as the report page shows it, with the first submission measured against it.</summary>
public sealed record DeadlineView(WriteModel Page, DateTime? Due, DateTime? SubmittedAt, DateTime? DueAtSubmission, string Id);
