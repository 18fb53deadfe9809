namespace ENotary.Web
{
    using System.Web;

    /// <summary>Проверка подлинности доверенности по номеру реестра: /verify.ashx?number=2012-0000001.</summary>
    public sealed class VerifyHandler : IHttpHandler
    {
        public bool IsReusable
        {
            get { return true; }
        }

        public void ProcessRequest(HttpContext context)
        {
            string number = context.Request.QueryString["number"] ?? string.Empty;
            context.Response.ContentType = "text/plain; charset=utf-8";
            NotarialAct act = new Registry().Find(number.Trim());
            if (act == null)
            {
                context.Response.StatusCode = 404;
                context.Response.Write("Действие с номером " + HttpUtility.HtmlEncode(number) + " в реестре не найдено");
                return;
            }
            context.Response.Write(act.Revoked ? "ОТМЕНЕНО: " : "ДЕЙСТВУЕТ: ");
            context.Response.Write(act.Kind + ", зарегистрировано " + act.RegisteredAt.ToString("dd.MM.yyyy"));
        }
    }
}
