//! One SQL interface over the two stores (issue 14): SQLite, the embedded default, and
//! PostgreSQL, the shared system of record of several nodes. The store's modules write each
//! statement once, with `?N` placeholders, in the SQL both engines speak; this module binds
//! values, reads rows and rewrites placeholders for PostgreSQL. Where the dialects really
//! differ, a module asks [`Sql::dialect`] — rarely: JSON functions, triggers, backups.
//!
//! The shape follows rusqlite's (execute, query_row, prepare, query_map, transaction), so a
//! statement reads the same whichever engine runs it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::mpsc;

use postgres::types::{FromSql, IsNull, ToSql, Type, private::BytesMut};

/// Which engine runs a statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// The embedded file.
    Sqlite,
    /// The shared server.
    Postgres,
}

/// A value bound to a statement or read from a row: SQLite's five storage classes, which
/// PostgreSQL's column types map onto (integers, booleans and whole numerics read as
/// integers).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// NULL.
    Null,
    /// A 64-bit integer.
    Integer(i64),
    /// A double.
    Real(f64),
    /// UTF-8 text.
    Text(String),
    /// Bytes.
    Blob(Vec<u8>),
}

/// A borrowed [`Value`], as a row holds it.
#[derive(Clone, Copy, Debug)]
pub enum ValueRef<'a> {
    /// NULL.
    Null,
    /// A 64-bit integer.
    Integer(i64),
    /// A double.
    Real(f64),
    /// UTF-8 text.
    Text(&'a str),
    /// Bytes.
    Blob(&'a [u8]),
}

impl ValueRef<'_> {
    /// The storage class, for an error: never the value (a column may hold a survivor's
    /// words, and errors reach the log).
    fn kind(&self) -> &'static str {
        match self {
            ValueRef::Null => "NULL",
            ValueRef::Integer(_) => "an integer",
            ValueRef::Real(_) => "a number",
            ValueRef::Text(_) => "text",
            ValueRef::Blob(_) => "bytes",
        }
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_owned())
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Integer(i)
    }
}

impl Value {
    fn as_ref(&self) -> ValueRef<'_> {
        match self {
            Value::Null => ValueRef::Null,
            Value::Integer(i) => ValueRef::Integer(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(s) => ValueRef::Text(s),
            Value::Blob(b) => ValueRef::Blob(b),
        }
    }
}

/// A database failure.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite said no.
    #[error("{0}")]
    Sqlite(rusqlite::Error),
    /// PostgreSQL said no. Shown as its message and code only, and not chained: the
    /// server's DETAIL can quote a row's values (a unique key's), which must not reach a log.
    #[error("{}", postgres_message(.0))]
    Postgres(postgres::Error),
    /// The thread of a PostgreSQL connection stopped (its server went away).
    #[error("the PostgreSQL connection is gone")]
    Gone,
    /// A query that must return a row returned none.
    #[error("no row where one was expected")]
    NoRows,
    /// A column's value is not what the code reads it as.
    #[error("column {column}: {message}")]
    Decode {
        /// The column (index or name).
        column: String,
        /// What did not fit.
        message: String,
    },
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        match e {
            rusqlite::Error::QueryReturnedNoRows => Error::NoRows,
            e => Error::Sqlite(e),
        }
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Error {
        Error::Postgres(e)
    }
}

fn postgres_message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{}: {} ({})", db.severity(), db.message(), db.code().code()),
        None => e.to_string(),
    }
}

impl Error {
    /// Whether a UNIQUE constraint refused the write.
    pub fn is_unique_violation(&self) -> bool {
        match self {
            Error::Sqlite(rusqlite::Error::SqliteFailure(f, _)) => {
                f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                    || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
            }
            Error::Postgres(e) => e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION),
            _ => false,
        }
    }

    fn decode(column: impl std::fmt::Display, message: impl Into<String>) -> Error {
        Error::Decode {
            column: column.to_string(),
            message: message.into(),
        }
    }
}

/// This module's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A Rust value that binds to a statement.
pub trait ToValue {
    /// The value to bind.
    fn to_value(&self) -> Value;
}

impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToValue::to_value)
    }
}

impl ToValue for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            fn to_value(&self) -> Value {
                // u64 and usize above i64::MAX do not occur (counts, sequences); they wrap
                // as SQLite's own binding of them would fail.
                Value::Integer(*self as i64)
            }
        }
    )*};
}
integers!(i8, i16, i32, i64, u8, u16, u32, u64, usize);

impl ToValue for bool {
    fn to_value(&self) -> Value {
        Value::Integer(i64::from(*self))
    }
}

impl ToValue for f64 {
    fn to_value(&self) -> Value {
        Value::Real(*self)
    }
}

impl ToValue for f32 {
    fn to_value(&self) -> Value {
        Value::Real(f64::from(*self))
    }
}

impl ToValue for str {
    fn to_value(&self) -> Value {
        Value::Text(self.to_owned())
    }
}

impl ToValue for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
}

impl ToValue for [u8] {
    fn to_value(&self) -> Value {
        Value::Blob(self.to_vec())
    }
}

impl ToValue for Vec<u8> {
    fn to_value(&self) -> Value {
        Value::Blob(self.clone())
    }
}

impl<const N: usize> ToValue for [u8; N] {
    fn to_value(&self) -> Value {
        Value::Blob(self.to_vec())
    }
}

/// What a statement's `?N` placeholders are bound to.
pub trait Params {
    /// The values, in placeholder order.
    fn values(self) -> Vec<Value>;
}

impl Params for () {
    fn values(self) -> Vec<Value> {
        Vec::new()
    }
}

impl<T: ToValue, const N: usize> Params for [T; N] {
    fn values(self) -> Vec<Value> {
        self.iter().map(ToValue::to_value).collect()
    }
}

impl Params for &[&dyn ToValue] {
    fn values(self) -> Vec<Value> {
        self.iter().map(|v| v.to_value()).collect()
    }
}

impl Params for Vec<Value> {
    fn values(self) -> Vec<Value> {
        self
    }
}

/// Binds any number of values of one type (an `IN (?, ?, …)` list).
pub fn params_from_iter<I>(values: I) -> Vec<Value>
where
    I: IntoIterator,
    I::Item: ToValue,
{
    values.into_iter().map(|v| v.to_value()).collect()
}

/// Binds values of different types: `params![id, name, 3]`.
macro_rules! params {
    () => {
        &[] as &[&dyn $crate::store::sql::ToValue]
    };
    ($($value:expr),+ $(,)?) => {
        &[$(&$value as &dyn $crate::store::sql::ToValue),+] as &[&dyn $crate::store::sql::ToValue]
    };
}
pub(crate) use params;

/// A Rust value a column reads into.
pub trait FromValue: Sized {
    /// Reads the value (`column` names it in an error).
    fn from_value(value: ValueRef<'_>, column: &dyn std::fmt::Display) -> Result<Self>;
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: ValueRef<'_>, column: &dyn std::fmt::Display) -> Result<Self> {
        match value {
            ValueRef::Null => Ok(None),
            v => T::from_value(v, column).map(Some),
        }
    }
}

impl FromValue for i64 {
    fn from_value(value: ValueRef<'_>, column: &dyn std::fmt::Display) -> Result<Self> {
        match value {
            ValueRef::Integer(i) => Ok(i),
            v => Err(Error::decode(column, format!("{} is not an integer", v.kind()))),
        }
    }
}

macro_rules! narrow_integers {
    ($($t:ty),*) => {$(
        impl FromValue for $t {
            fn from_value(value: ValueRef<'_>, column: &dyn std::fmt::Display) -> Result<Self> {
                let wide = i64::from_value(value, column)?;
                <$t>::try_from(wide)
                    .map_err(|_| Error::decode(column, "an integer out of range"))
            }
        }
    )*};
}
narrow_integers!(i32, u32, u64, usize, u8, u16, i16);

impl FromValue for bool {
    fn from_value(value: ValueRef<'_>, column: &dyn std::fmt::Display) -> Result<Self> {
        Ok(i64::from_value(value, column)? != 0)
    }
}

impl FromValue for f64 {
    fn from_value(value: ValueRef<'_>, column: &dyn std::fmt::Display) -> Result<Self> {
        match value {
            ValueRef::Real(f) => Ok(f),
            ValueRef::Integer(i) => Ok(i as f64),
            v => Err(Error::decode(column, format!("{} is not a number", v.kind()))),
        }
    }
}

impl FromValue for String {
    fn from_value(value: ValueRef<'_>, column: &dyn std::fmt::Display) -> Result<Self> {
        match value {
            ValueRef::Text(s) => Ok(s.to_owned()),
            v => Err(Error::decode(column, format!("{} is not text", v.kind()))),
        }
    }
}

impl FromValue for Vec<u8> {
    fn from_value(value: ValueRef<'_>, column: &dyn std::fmt::Display) -> Result<Self> {
        match value {
            ValueRef::Blob(b) => Ok(b.to_vec()),
            v => Err(Error::decode(column, format!("{} is not bytes", v.kind()))),
        }
    }
}

impl FromValue for Value {
    fn from_value(value: ValueRef<'_>, _: &dyn std::fmt::Display) -> Result<Self> {
        Ok(match value {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Integer(i),
            ValueRef::Real(f) => Value::Real(f),
            ValueRef::Text(s) => Value::Text(s.to_owned()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        })
    }
}

/// A column, by position or by name.
pub trait ColumnIndex: std::fmt::Display + Copy {
    /// Its value in a SQLite row.
    fn sqlite<'r>(self, row: &'r rusqlite::Row<'_>) -> rusqlite::Result<rusqlite::types::ValueRef<'r>>;
    /// Its position in a PostgreSQL row.
    fn postgres(self, row: &postgres::Row) -> Option<usize>;
}

impl ColumnIndex for usize {
    fn sqlite<'r>(self, row: &'r rusqlite::Row<'_>) -> rusqlite::Result<rusqlite::types::ValueRef<'r>> {
        row.get_ref(self)
    }

    fn postgres(self, row: &postgres::Row) -> Option<usize> {
        (self < row.len()).then_some(self)
    }
}

impl ColumnIndex for &str {
    fn sqlite<'r>(self, row: &'r rusqlite::Row<'_>) -> rusqlite::Result<rusqlite::types::ValueRef<'r>> {
        row.get_ref(self)
    }

    fn postgres(self, row: &postgres::Row) -> Option<usize> {
        row.columns()
            .iter()
            .position(|c| c.name().eq_ignore_ascii_case(self))
    }
}

/// One row of a result.
pub enum Row<'a> {
    /// SQLite's.
    Sqlite(&'a rusqlite::Row<'a>),
    /// PostgreSQL's.
    Postgres(&'a postgres::Row),
}

impl Row<'_> {
    /// The value of a column, read as `T`.
    pub fn get<I: ColumnIndex, T: FromValue>(&self, column: I) -> Result<T> {
        match self {
            Row::Sqlite(row) => {
                use rusqlite::types::ValueRef as R;
                let value = match column.sqlite(row)? {
                    R::Null => ValueRef::Null,
                    R::Integer(i) => ValueRef::Integer(i),
                    R::Real(f) => ValueRef::Real(f),
                    R::Text(t) => ValueRef::Text(
                        std::str::from_utf8(t).map_err(|e| Error::decode(column, e.to_string()))?,
                    ),
                    R::Blob(b) => ValueRef::Blob(b),
                };
                T::from_value(value, &column)
            }
            Row::Postgres(row) => {
                let i = column
                    .postgres(row)
                    .ok_or_else(|| Error::decode(column, "no such column"))?;
                let value: PgValue = row.try_get(i)?;
                T::from_value(value.0.as_ref(), &column)
            }
        }
    }
}

/// Reads `optional()` off a query that may find no row.
pub trait OptionalExtension<T> {
    /// `None` where the query found no row.
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// Prepared PostgreSQL statements by their SQL, per connection: a statement costs one round
/// trip instead of two. Bounded, since some SQL is built per call (an `IN` list's length).
#[derive(Default)]
pub struct StatementCache(HashMap<String, postgres::Statement>);

const STATEMENT_CACHE: usize = 512;

/// A connection or a transaction on one, whichever engine: what a statement runs on.
#[derive(Clone, Copy)]
pub enum Handle<'a> {
    /// SQLite's.
    Sqlite(&'a rusqlite::Connection),
    /// PostgreSQL's client and its statements.
    Postgres(&'a PgClient, &'a RefCell<StatementCache>),
}

impl<'a> Handle<'a> {
    fn postgres_statement(
        client: &PgClient,
        cache: &RefCell<StatementCache>,
        sql: &str,
    ) -> Result<postgres::Statement> {
        let sql = postgres_placeholders(sql);
        if let Some(statement) = cache.borrow().0.get(&sql) {
            return Ok(statement.clone());
        }
        let prepared = sql.clone();
        let statement = client.run(move |c| c.prepare(&prepared))??;
        let mut cache = cache.borrow_mut();
        if cache.0.len() >= STATEMENT_CACHE {
            cache.0.clear();
        }
        cache.0.insert(sql, statement.clone());
        Ok(statement)
    }
}

/// What runs SQL: a [`Connection`] or a [`Transaction`].
pub trait Sql {
    /// The connection or transaction underneath.
    fn handle(&self) -> Handle<'_>;

    /// Which engine runs the statements.
    fn dialect(&self) -> Dialect {
        match self.handle() {
            Handle::Sqlite(_) => Dialect::Sqlite,
            Handle::Postgres(..) => Dialect::Postgres,
        }
    }

    /// Runs one statement; returns how many rows it changed.
    fn execute(&self, sql: &str, params: impl Params) -> Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    /// Runs several statements separated by `;`, binding nothing.
    fn execute_batch(&self, sql: &str) -> Result<()> {
        match self.handle() {
            Handle::Sqlite(conn) => Ok(conn.execute_batch(sql)?),
            Handle::Postgres(client, _) => client.batch(sql),
        }
    }

    /// Runs a query and reads its first row with `f` ([`Error::NoRows`] if none).
    fn query_row<T>(
        &self,
        sql: &str,
        params: impl Params,
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        self.prepare_cached(sql)?.query_row(params, f)
    }

    /// Prepares a statement.
    fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        match self.handle() {
            Handle::Sqlite(conn) => Ok(Statement::Sqlite(conn.prepare(sql)?)),
            Handle::Postgres(client, cache) => Ok(Statement::Postgres {
                client,
                statement: Handle::postgres_statement(client, cache, sql)?,
            }),
        }
    }

    /// Prepares a statement, reusing one prepared before with the same SQL.
    fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        match self.handle() {
            Handle::Sqlite(conn) => Ok(Statement::SqliteCached(conn.prepare_cached(sql)?)),
            Handle::Postgres(..) => self.prepare(sql),
        }
    }
}

/// A prepared statement.
pub enum Statement<'a> {
    /// SQLite's.
    Sqlite(rusqlite::Statement<'a>),
    /// SQLite's, from its cache.
    SqliteCached(rusqlite::CachedStatement<'a>),
    /// PostgreSQL's.
    Postgres {
        /// The client it runs on.
        client: &'a PgClient,
        /// The statement.
        statement: postgres::Statement,
    },
}

impl<'a> Statement<'a> {
    /// Runs it; returns how many rows it changed.
    pub fn execute(&mut self, params: impl Params) -> Result<usize> {
        let values = params.values();
        match self {
            Statement::Sqlite(s) => Ok(s.execute(rusqlite::params_from_iter(values.iter()))?),
            Statement::SqliteCached(s) => Ok(s.execute(rusqlite::params_from_iter(values.iter()))?),
            Statement::Postgres { client, statement } => {
                let statement = statement.clone();
                Ok(client.run(move |c| c.execute(&statement, &postgres_params(&values)))?? as usize)
            }
        }
    }

    /// Runs a query; its rows are read with [`Rows::next`].
    pub fn query(&mut self, params: impl Params) -> Result<Rows<'_>> {
        let values = params.values();
        match self {
            Statement::Sqlite(s) => Ok(Rows::Sqlite(s.query(rusqlite::params_from_iter(values))?)),
            Statement::SqliteCached(s) => Ok(Rows::Sqlite(s.query(rusqlite::params_from_iter(values))?)),
            Statement::Postgres { client, statement } => {
                let statement = statement.clone();
                let rows = client.run(move |c| c.query(&statement, &postgres_params(&values)))??;
                Ok(Rows::Postgres { rows, next: 0 })
            }
        }
    }

    /// The names of the columns it returns.
    pub fn column_names(&self) -> Vec<String> {
        match self {
            Statement::Sqlite(s) => s.column_names().map(str::to_owned).collect(),
            Statement::SqliteCached(s) => s.column_names().map(str::to_owned).collect(),
            Statement::Postgres { statement, .. } => {
                statement.columns().iter().map(|c| c.name().to_owned()).collect()
            }
        }
    }

    /// Runs a query and reads each row with `f`.
    pub fn query_map<T, F>(&mut self, params: impl Params, f: F) -> Result<MappedRows<'_, F>>
    where
        F: FnMut(&Row<'_>) -> Result<T>,
    {
        Ok(MappedRows {
            rows: self.query(params)?,
            f,
        })
    }

    /// Runs a query and reads its first row with `f` ([`Error::NoRows`] if none).
    pub fn query_row<T>(&mut self, params: impl Params, f: impl FnOnce(&Row<'_>) -> Result<T>) -> Result<T> {
        let mut rows = self.query(params)?;
        match rows.next()? {
            Some(row) => f(&row),
            None => Err(Error::NoRows),
        }
    }
}

/// The rows of a query.
pub enum Rows<'a> {
    /// SQLite's, read as they come.
    Sqlite(rusqlite::Rows<'a>),
    /// PostgreSQL's, all fetched.
    Postgres {
        /// The rows.
        rows: Vec<postgres::Row>,
        /// The next to hand out.
        next: usize,
    },
}

impl Rows<'_> {
    /// The next row, if any.
    #[allow(clippy::should_implement_trait)] // a lending iterator: each row borrows the rows
    pub fn next(&mut self) -> Result<Option<Row<'_>>> {
        match self {
            Rows::Sqlite(rows) => Ok(rows.next()?.map(Row::Sqlite)),
            Rows::Postgres { rows, next } => {
                let row = rows.get(*next);
                *next += 1;
                Ok(row.map(Row::Postgres))
            }
        }
    }
}

/// The rows of a query, each read with a function.
pub struct MappedRows<'a, F> {
    rows: Rows<'a>,
    f: F,
}

impl<T, F> Iterator for MappedRows<'_, F>
where
    F: FnMut(&Row<'_>) -> Result<T>,
{
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        match self.rows.next() {
            Ok(Some(row)) => Some((self.f)(&row)),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

/// A connection to either engine.
#[allow(clippy::large_enum_variant)] // two of them per store: boxing would buy nothing
pub enum Connection {
    /// A SQLite file.
    Sqlite(rusqlite::Connection),
    /// A PostgreSQL server.
    Postgres(PgClient, RefCell<StatementCache>),
}

impl Connection {
    /// Opens (creating) the SQLite file at `path`, unconfigured (tests that handle the file).
    #[cfg(test)]
    pub fn open(path: &std::path::Path) -> Result<Connection> {
        Ok(Connection::Sqlite(rusqlite::Connection::open(path)?))
    }

    /// A SQLite database in memory (tests).
    #[cfg(test)]
    pub fn open_in_memory() -> Result<Connection> {
        Ok(Connection::Sqlite(rusqlite::Connection::open_in_memory()?))
    }

    /// Connects to the PostgreSQL server at `url` (`postgres://…`; TLS is left to the
    /// network: a socket or a private link, see the README).
    pub fn postgres(url: &str) -> Result<Connection> {
        Ok(Connection::Postgres(
            PgClient::connect(url)?,
            RefCell::new(StatementCache::default()),
        ))
    }

    /// Begins a transaction; it rolls back unless committed.
    pub fn transaction(&mut self) -> Result<Transaction<'_>> {
        self.unchecked_transaction()
    }

    /// Begins a transaction through a shared reference (the caller keeps them from nesting).
    pub fn unchecked_transaction(&self) -> Result<Transaction<'_>> {
        match self {
            Connection::Sqlite(conn) => Ok(Transaction {
                handle: Handle::Sqlite(conn),
                sqlite: Some(conn.unchecked_transaction()?),
                open: true,
            }),
            Connection::Postgres(client, cache) => {
                // One snapshot for the whole transaction (a read of several statements is
                // consistent, as SQLite's are); writers are already one at a time (the write
                // lock), so they never meet a conflict this level would refuse.
                client.batch("BEGIN ISOLATION LEVEL REPEATABLE READ")?;
                Ok(Transaction {
                    handle: Handle::Postgres(client, cache),
                    sqlite: None,
                    open: true,
                })
            }
        }
    }

    /// Whether the server closed a PostgreSQL connection (a SQLite file never closes).
    pub fn is_closed(&self) -> bool {
        match self {
            Connection::Sqlite(_) => false,
            Connection::Postgres(client, _) => client.closed.load(std::sync::atomic::Ordering::Relaxed),
        }
    }
}

impl Sql for Connection {
    fn handle(&self) -> Handle<'_> {
        match self {
            Connection::Sqlite(conn) => Handle::Sqlite(conn),
            Connection::Postgres(client, cache) => Handle::Postgres(client, cache),
        }
    }
}

/// A PostgreSQL connection on a thread of its own. The synchronous client drives a tokio
/// runtime of its own, and tokio refuses that inside another runtime's thread (an async
/// handler or test calling the store); on a plain thread of its own every call is an
/// ordinary blocking one, wherever it comes from. The thread ends with the connection.
pub struct PgClient {
    jobs: mpsc::Sender<Job>,
    /// Whether the server closed the connection, as of the last statement (read without
    /// a trip to the client's thread).
    closed: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

type Job = Box<dyn FnOnce(&mut postgres::Client) + Send>;

impl PgClient {
    fn connect(url: &str) -> Result<PgClient> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let (ready, connected) = mpsc::channel();
        let url = url.to_owned();
        let closed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let seen_closed = closed.clone();
        std::thread::Builder::new()
            .name("postgres".into())
            .spawn(move || match postgres::Client::connect(&url, postgres::NoTls) {
                Ok(mut client) => {
                    let _ = ready.send(Ok(()));
                    for job in queue {
                        job(&mut client);
                        seen_closed.store(client.is_closed(), std::sync::atomic::Ordering::Relaxed);
                    }
                }
                Err(e) => {
                    let _ = ready.send(Err(e));
                }
            })
            .map_err(|_| Error::Gone)?;
        connected.recv().map_err(|_| Error::Gone)??;
        Ok(PgClient { jobs, closed })
    }

    /// Runs `f` on the client's thread and waits for its answer.
    fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut postgres::Client) -> T + Send + 'static,
    ) -> Result<T> {
        let (answer, answered) = mpsc::sync_channel(1);
        self.jobs
            .send(Box::new(move |client| {
                let _ = answer.send(f(client));
            }))
            .map_err(|_| Error::Gone)?;
        answered.recv().map_err(|_| Error::Gone)
    }

    fn batch(&self, sql: &str) -> Result<()> {
        let sql = sql.to_owned();
        Ok(self.run(move |c| c.batch_execute(&sql))??)
    }
}

/// A transaction: every statement on it is one change, made by [`Transaction::commit`] and
/// undone if it is dropped instead.
pub struct Transaction<'a> {
    handle: Handle<'a>,
    sqlite: Option<rusqlite::Transaction<'a>>,
    open: bool,
}

impl Transaction<'_> {
    /// Makes the changes.
    pub fn commit(mut self) -> Result<()> {
        self.open = false;
        match (self.sqlite.take(), self.handle) {
            (Some(tx), _) => Ok(tx.commit()?),
            (None, Handle::Postgres(client, _)) => client.batch("COMMIT"),
            (None, Handle::Sqlite(_)) => Ok(()),
        }
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        // SQLite's transaction rolls itself back when dropped; PostgreSQL's is told to.
        if self.open
            && let Handle::Postgres(client, _) = self.handle
        {
            let _ = client.batch("ROLLBACK");
        }
    }
}

impl Sql for Transaction<'_> {
    fn handle(&self) -> Handle<'_> {
        self.handle
    }
}

/// `?N` and `?` placeholders as PostgreSQL's `$N`, outside quoted text.
pub fn postgres_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut quote: Option<char> = None;
    let mut next_anonymous = 1;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                out.push(c);
            }
            (Some(_), c) => out.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                out.push(c);
            }
            (None, '?') => {
                out.push('$');
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                if digits.is_empty() {
                    out.push_str(&next_anonymous.to_string());
                    next_anonymous += 1;
                } else {
                    out.push_str(&digits);
                }
            }
            (None, c) => out.push(c),
        }
    }
    out
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::ValueRef as R;
        Ok(rusqlite::types::ToSqlOutput::Borrowed(match self {
            Value::Null => R::Null,
            Value::Integer(i) => R::Integer(*i),
            Value::Real(f) => R::Real(*f),
            Value::Text(s) => R::Text(s.as_bytes()),
            Value::Blob(b) => R::Blob(b),
        }))
    }
}

fn postgres_params(values: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
    values.iter().map(|v| v as &(dyn ToSql + Sync)).collect()
}

type BoxError = Box<dyn std::error::Error + Sync + Send>;

// A value takes the type PostgreSQL inferred for its placeholder: an integer binds to a
// BIGINT, INTEGER, SMALLINT, BOOLEAN or DOUBLE PRECISION parameter alike, as SQLite's
// loose typing lets the same statements do.
impl ToSql for Value {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::FLOAT4 => (*i as f32).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => i.to_string().to_sql(ty, out),
                _ => Err(format!("an integer cannot bind to a {ty} parameter").into()),
            },
            Value::Real(f) => match *ty {
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                _ => f.to_sql(ty, out),
            },
            Value::Text(s) => s.as_str().to_sql(ty, out),
            Value::Blob(b) => b.as_slice().to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// A PostgreSQL column read as a [`Value`], whatever its type.
struct PgValue(Value);

impl<'a> FromSql<'a> for PgValue {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<PgValue, BoxError> {
        Ok(PgValue(match *ty {
            Type::INT8 => Value::Integer(i64::from_sql(ty, raw)?),
            Type::INT4 => Value::Integer(i32::from_sql(ty, raw)?.into()),
            Type::INT2 => Value::Integer(i16::from_sql(ty, raw)?.into()),
            Type::OID => Value::Integer(u32::from_sql(ty, raw)?.into()),
            Type::BOOL => Value::Integer(bool::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => Value::Real(f32::from_sql(ty, raw)?.into()),
            Type::NUMERIC => numeric(raw)?,
            Type::BYTEA => Value::Blob(raw.to_vec()),
            Type::VOID => Value::Null,
            _ => Value::Text(String::from_utf8(raw.to_vec())?),
        }))
    }

    fn from_sql_null(_: &Type) -> Result<PgValue, BoxError> {
        Ok(PgValue(Value::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// NUMERIC's binary form (what `SUM` of a BIGINT gives): whole values as integers.
fn numeric(raw: &[u8]) -> Result<Value, BoxError> {
    let word = |i: usize| -> Result<i16, BoxError> {
        raw.get(i..i + 2)
            .map(|b| i16::from_be_bytes([b[0], b[1]]))
            .ok_or_else(|| "a short NUMERIC".into())
    };
    let (digits, weight, sign, scale) = (word(0)?, word(2)?, word(4)? as u16, word(6)?);
    if sign == 0xC000 {
        return Ok(Value::Real(f64::NAN));
    }
    let mut value = 0f64;
    for i in 0..digits.max(0) as usize {
        value += f64::from(word(8 + 2 * i)?) * 10f64.powi(4 * (i32::from(weight) - i as i32));
    }
    if sign == 0x4000 {
        value = -value;
    }
    Ok(if scale == 0 && value.abs() < 9.0e15 {
        Value::Integer(value as i64)
    } else {
        Value::Real(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_postgres_numbers_outside_quotes() {
        assert_eq!(
            postgres_placeholders("SELECT a FROM t WHERE b = ?1 AND c = '?' AND d IN (?, ?) AND e = ?12"),
            "SELECT a FROM t WHERE b = $1 AND c = '?' AND d IN ($1, $2) AND e = $12"
        );
    }

    #[test]
    fn sqlite_rows_read_back_in_the_types_asked_for() {
        let conn = Connection::Sqlite(rusqlite::Connection::open_in_memory().unwrap());
        conn.execute_batch("CREATE TABLE t (i INTEGER, s TEXT, b BLOB, f REAL)")
            .unwrap();
        conn.execute(
            "INSERT INTO t (i, s, b, f) VALUES (?1, ?2, ?3, ?4)",
            params![7u32, "seven", vec![7u8], 0.5],
        )
        .unwrap();
        let row: (i64, String, Vec<u8>, f64, bool) = conn
            .query_row("SELECT i, s, b, f, i FROM t", (), |r| {
                Ok((r.get(0)?, r.get("s")?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap();
        assert_eq!(row, (7, "seven".into(), vec![7], 0.5, true));
        let none: Option<i64> = conn
            .query_row("SELECT i FROM t WHERE i = ?1", [8], |r| r.get(0))
            .optional()
            .unwrap();
        assert_eq!(none, None);
        assert!(matches!(
            conn.query_row("SELECT s FROM t", (), |r| r.get::<_, i64>(0)),
            Err(Error::Decode { .. })
        ));
    }

    #[test]
    fn numeric_sums_read_as_integers() {
        // 12345678 = 1234 * 10^4 + 5678: two base-10000 digits, weight 1, positive, scale 0.
        let raw = [0, 2, 0, 1, 0, 0, 0, 0, 0x04, 0xD2, 0x16, 0x2E];
        assert_eq!(numeric(&raw).unwrap(), Value::Integer(12_345_678));
        let zero = [0, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!(numeric(&zero).unwrap(), Value::Integer(0));
    }
}
