-- safe (lexer trap): DROP SCHEMA only inside a nested /* /* */ */ block comment
/* outer comment
   /* inner comment */
   DROP SCHEMA public CASCADE;
   still inside the outer comment */
CREATE SCHEMA IF NOT EXISTS analytics;
