"""The officers' workspace at /workspace/: where editors and approvers write, check, send
for approval and publish their council's offer, in GOV.UK Frontend's look.

Views here parse forms and show pages; the rules stay where they are (offers.services,
offers.checklist, offers.access). Every council page goes through offers.workspace.base,
so another council's officer gets a 404 and anyone signed out is asked to sign in.

- writing/: the task list, the offer's details, sections and entries, start, import, export.
- review/: approval, publishing and scheduling, history, preview links, fact check, the
  audit trail and families' feedback.
- consult/: consultations with families on the offer, their themes and the council's answers.
"""
