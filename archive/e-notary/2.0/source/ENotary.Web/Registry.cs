namespace ENotary.Web
{
    using System;
    using System.Configuration;
    using System.Data;
    using System.Data.Common;
    using System.Diagnostics;

    /// <summary>Нотариаттық әрекеттер тізілімі / Реестр нотариальных действий.</summary>
    /// <remarks>Доступ к PostgreSQL — через драйвер psqlODBC (System.Data.Odbc), строка подключения в Web.config.</remarks>
    public sealed class Registry
    {
        private readonly DbProviderFactory factory;
        private readonly string connectionString;

        public Registry()
        {
            ConnectionStringSettings cs = ConfigurationManager.ConnectionStrings["notary"];
            factory = DbProviderFactories.GetFactory(cs.ProviderName);
            connectionString = cs.ConnectionString;
        }

        /// <summary>Регистрирует действие и возвращает присвоенный номер.</summary>
        public NotarialAct Register(string license, string kind, string applicantIin)
        {
            if (string.IsNullOrEmpty(license)) throw new ArgumentException("Не указана лицензия нотариуса");
            if (applicantIin == null || applicantIin.Length != 12) throw new ArgumentException("ИИН должен состоять из 12 цифр");

            using (DbConnection db = Open())
            using (DbCommand cmd = db.CreateCommand())
            {
                cmd.CommandText = "SELECT nextval('act_seq_' || extract(year from now())::int)";
                long seq = Convert.ToInt64(cmd.ExecuteScalar());
                var act = new NotarialAct
                {
                    Number = DateTime.Today.Year + "-" + seq.ToString("D7"),
                    NotaryLicense = license,
                    Kind = kind,
                    ApplicantIin = applicantIin,
                    RegisteredAt = DateTime.Now
                };
                cmd.CommandText = "INSERT INTO notarial_act (number, license, kind, applicant_iin, registered_at) VALUES (?, ?, ?, ?, ?)";
                Add(cmd, "@n", act.Number);
                Add(cmd, "@l", act.NotaryLicense);
                Add(cmd, "@k", act.Kind);
                Add(cmd, "@i", act.ApplicantIin);
                Add(cmd, "@t", act.RegisteredAt);
                cmd.ExecuteNonQuery();
                Trace.TraceInformation("Зарегистрировано действие {0} нотариусом {1}", act.Number, license);
                return act;
            }
        }

        /// <summary>Находит действие по номеру реестра; null, если номера нет.</summary>
        public NotarialAct Find(string number)
        {
            using (DbConnection db = Open())
            using (DbCommand cmd = db.CreateCommand())
            {
                cmd.CommandText = "SELECT number, license, kind, applicant_iin, registered_at, revoked FROM notarial_act WHERE number = ?";
                Add(cmd, "@n", number);
                using (IDataReader r = cmd.ExecuteReader())
                {
                    if (!r.Read()) return null;
                    return new NotarialAct
                    {
                        Number = r.GetString(0),
                        NotaryLicense = r.GetString(1),
                        Kind = r.GetString(2),
                        ApplicantIin = r.GetString(3),
                        RegisteredAt = r.GetDateTime(4),
                        Revoked = r.GetBoolean(5)
                    };
                }
            }
        }

        private DbConnection Open()
        {
            DbConnection db = factory.CreateConnection();
            db.ConnectionString = connectionString;
            db.Open();
            return db;
        }

        private static void Add(DbCommand cmd, string name, object value)
        {
            DbParameter p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
    }
}
