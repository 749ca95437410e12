-- safe: a CHECK added to a table created in the same migration (it is empty)
CREATE TABLE public.gift_cards (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code    text          NOT NULL,
    balance numeric(12,2) NOT NULL
);
ALTER TABLE public.gift_cards
    ADD CONSTRAINT gift_cards_balance_nonneg CHECK (balance >= 0);
