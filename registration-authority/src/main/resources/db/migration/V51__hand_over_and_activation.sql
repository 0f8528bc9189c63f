-- The face-to-face hand-over of a card (CARTES Art. III, IV, VI) and its activation. Owned by the
-- feature `delivery`.

-- The versioned terms of use (CGU, Art. IV) the holder accepts at the hand-over; the latest
-- published version is the current one.
create table terms_of_use (
    version      text        primary key,
    published_at timestamptz not null,
    text         text        not null
);

insert into terms_of_use (version, published_at, text) values ('2026-01', '2026-01-01T00:00:00Z',
'Conditions générales d''utilisation de la carte d''authentification et de signature des collectivités territoriales (version 2026-01)

1. La carte est personnelle. Son porteur ne la prête ni ne la confie à quiconque et ne communique son code PIN à personne, pas même à l''autorité d''enregistrement.
2. La carte porte deux certificats : l''un d''authentification, l''autre de signature électronique. Elle ne sert qu''aux applications référencées (COMEDEC, @CTES, Hélios, SAIP, TES, PVe) et pour les fonctions que le maire a confiées à son porteur.
3. À la remise, le porteur présente une pièce d''identité en cours de validité, dont une copie est conservée chiffrée, et signe avec sa carte le récépissé de remise.
4. À la première utilisation, le porteur remplace le code PIN de transport par un code PIN qu''il choisit.
5. Le porteur déclare sans délai, par Internet, la perte ou le vol de sa carte ; elle est alors révoquée. Le maire révoque sans délai la carte d''un agent qui quitte ses fonctions.
6. Un code PIN bloqué se débloque avec un code à usage unique reçu par courriel, la carte dans le lecteur.
7. Les certificats valent trois ans et sont renouvelés à distance sur la même carte ; la carte est renouvelée au bout de six ans.
8. Les données de la remise sont conservées sept ans après l''expiration du dernier certificat, puis détruites.');

create table card_hand_over (
    card_id              uuid        primary key references card (id),
    document_kind        text        not null check (document_kind in ('cni', 'passport', 'titre_de_sejour')),
    document_expires_on  date        not null,
    -- The document number and machine readable zone, then the copy of the document: AES-256-GCM,
    -- each bound to this card (delivery.DocumentVault). Never stored in clear.
    document_sealed      bytea       not null,
    document_copy_sealed bytea       not null,
    terms_version        text        not null references terms_of_use (version),
    receipt              bytea       not null,              -- the exact bytes the holder signed
    receipt_signature    bytea       not null,              -- CMS SignedData (detached), verified before delivery
    handed_over_at       timestamptz not null,
    handed_over_by       text        not null,
    -- Registration files are kept 7 years after the last certificate expires (configurable).
    retain_until         date        not null
);

-- A challenge the card's authentication key signs to activate the card: one at a time per card,
-- short-lived, used once.
create table card_activation_challenge (
    card_id    uuid        primary key references card (id),
    challenge  bytea       not null,
    expires_at timestamptz not null
);
