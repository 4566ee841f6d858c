-- The two roles every CleanLedger database needs (run once per cluster, as a superuser).
-- cleanledger_owner owns the tables and runs migrations; cleanledger_app is what the app
-- connects as: it owns nothing and cannot bypass row-level security, so the tenant policies
-- bind every statement it runs. Change the passwords outside throwaway test clusters.
CREATE ROLE cleanledger_owner LOGIN CREATEDB PASSWORD 'cleanledger_owner';
CREATE ROLE cleanledger_app LOGIN NOBYPASSRLS PASSWORD 'cleanledger_app';
