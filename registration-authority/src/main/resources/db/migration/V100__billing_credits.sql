-- Cancelling a charged card order credits its billing line (annex 1: only cards actually provided
-- are charged): a line of the opposite amount, dated at the cancellation, pointing at the line it
-- credits, so that a statement already sent for the original period stays as it was. A line is
-- credited at most once; only a credit line is negative.
alter table billing_line add column credits uuid references billing_line (id);
alter table billing_line drop constraint billing_line_amount_cents_check;
alter table billing_line add constraint billing_line_amount_sign_check
    check ((credits is null and amount_cents >= 0) or (credits is not null and amount_cents < 0));
create unique index billing_line_one_credit_idx on billing_line (credits) where credits is not null;
