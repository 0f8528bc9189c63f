-- CRL numbers are drawn from a sequence: a number is never handed out twice, even when the
-- transaction that drew it rolls back (gaps are allowed by RFC 5280, reuse is not).
create sequence crl_number_seq;
