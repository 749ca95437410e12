-- Fake but realistic personal data for the demo shop (migrations/flyway): 60 customers and their orders.
-- `slipway demo` loads it after the migrations, then masks the database with migrations/masking.yaml.
-- None of these people exist; the names and addresses are made up.
INSERT INTO customers (email, full_name, created_at, status)
SELECT lower(f) || '.' || lower(l) || i || '@' || d, f || ' ' || l,
       timestamptz '2024-01-05 09:30:00+00' + i * interval '3 days 5 hours',
       CASE WHEN i % 9 = 0 THEN 'closed' ELSE 'active' END
FROM (SELECT i,
             (ARRAY['Olivia', 'Liam', 'Sofia', 'Noah', 'Emma', 'Mateus', 'Chloe', 'Arash', 'Hannah', 'Diego',
                    'Julia', 'Tobias', 'Amelie', 'Kwame', 'Isabel', 'Finn', 'Leonie', 'Rohan', 'Clara', 'Jonas'])[1 + i % 20] AS f,
             (ARRAY['Martin', 'Keller', 'Okafor', 'Rossi', 'Nguyen', 'Schmidt', 'Dubois', 'Haddadi', 'Larsen', 'Moreno',
                    'Brooks', 'Fischer', 'Petrov', 'Mensah', 'Costa', 'Walsh', 'Bauer', 'Iyer', 'Novotny', 'Lindberg'])[1 + (i * 7) % 20] AS l,
             (ARRAY['gmail.com', 'outlook.com', 'proton.me', 'yahoo.co.uk', 'web.de'])[1 + i % 5] AS d
      FROM generate_series(1, 60) AS i) AS people;

INSERT INTO orders (customer_id, total, placed_at)
SELECT c.id, round((9.99 + (n * 37 + c.id * 11) % 240)::numeric, 2), c.created_at + n * interval '6 days 2 hours'
FROM customers c, generate_series(1, 3) AS n
WHERE c.id % 4 <> 0 OR n = 1;
