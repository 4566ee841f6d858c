-- The roles every CleanLedger database needs (run once per cluster, as a superuser).
-- cleanledger_owner owns the tables and runs migrations; cleanledger_app is what the app
-- connects as: it owns nothing and cannot bypass row-level security, so the tenant policies
-- bind every statement it runs. cleanledger_jobs is what the job storage (Hangfire) connects as:
-- a migration gives it the schema hangfire, where it owns Hangfire's tables, and it has no right
-- on anything of the books. Change the passwords outside throwaway test clusters.
CREATE ROLE cleanledger_owner LOGIN CREATEDB PASSWORD 'cleanledger_owner';
CREATE ROLE cleanledger_app LOGIN NOBYPASSRLS PASSWORD 'cleanledger_app';
CREATE ROLE cleanledger_jobs LOGIN NOBYPASSRLS PASSWORD 'cleanledger_jobs';
